using System.Net;
using Ura.Tests.Infrastructure;

namespace Ura.Tests;

public sealed class HealthTests(UraFactory factory) : IClassFixture<UraFactory>
{
    [Fact]
    public async Task Ready_MigratedDatabase_Healthy()
    {
        var response = await factory.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_DemoCaseWorkerWithTotp_ReachesHome()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
