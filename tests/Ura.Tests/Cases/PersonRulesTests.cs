using Ura.Features.Cases;

namespace Ura.Tests.Cases;

public sealed class PersonRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("2008-11-22", 18)]
    [InlineData("2008-11-23", 17)]
    [InlineData("2020-01-01", 6)]
    public void AgeOn_BirthDate_WholeYearsCompleted(string birthDate, int expected)
    {
        Assert.Equal(expected, PersonRules.AgeOn(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), null, Today));
    }

    [Fact]
    public void AgeOn_EstimatedYearThatMayStillBeUnder18_TreatedAsChild()
    {
        var age = PersonRules.AgeOn(null, 2008, Today);

        Assert.Equal(17, age);
        Assert.True(PersonRules.IsChild(age));
        Assert.False(PersonRules.IsChild(PersonRules.AgeOn(null, 2007, Today)));
    }

    [Theory]
    [InlineData(5, AgeBand.Under12)]
    [InlineData(17, AgeBand.From12To17)]
    [InlineData(18, AgeBand.From18To24)]
    [InlineData(34, AgeBand.From25To34)]
    [InlineData(49, AgeBand.From35To49)]
    [InlineData(50, AgeBand.From50)]
    public void BandOf_Age_Band(int age, AgeBand expected)
    {
        Assert.Equal(expected, PersonRules.BandOf(age));
    }

    [Theory]
    [InlineData("AL", true)]
    [InlineData("XK", true)]
    [InlineData("MK", true)]
    [InlineData("RS", true)]
    [InlineData("ZZ", false)]
    [InlineData("al", false)]
    [InlineData("ALB", false)]
    [InlineData("", false)]
    public void IsCountry_Code_OnlyIsoAlpha2InCapitals(string code, bool expected)
    {
        Assert.Equal(expected, PersonRules.IsCountry(code));
    }

    [Theory]
    [InlineData("Feminine", true)]
    [InlineData("NonSpecifiedUnknown", true)]
    [InlineData("feminine", false)]
    [InlineData("0", false)]
    public void IsValue_Gender_ExactHtcdsNamesOnly(string value, bool expected)
    {
        Assert.Equal(expected, PersonRules.IsValue<Gender>(value));
    }

    [Fact]
    public void Check_ChildWithGuardianAndRelation_NoErrors()
    {
        var input = new PersonInput
        {
            GivenNames = "Ana", FamilyName = "Çela", BirthDate = new DateOnly(2015, 3, 1), Gender = "Feminine",
            GuardianName = "Mira Çela", GuardianRelation = "Mother",
        };

        Assert.Empty(PersonRules.Check(input, Today));
    }

    [Fact]
    public void Check_ChildWithGuardianButNoRelation_GuardianRequired()
    {
        var input = new PersonInput { GivenNames = "Ana", FamilyName = "Çela", BirthDate = new DateOnly(2015, 3, 1), Gender = "Feminine", GuardianName = "Mira Çela" };

        Assert.Equal("Cases.Person.GuardianRequired", Assert.Single(PersonRules.Check(input, Today)).MessageKey);
    }

    [Fact]
    public void Check_EstimatedYearInTheFuture_BirthYearInvalid()
    {
        var input = new PersonInput { GivenNames = "Ana", FamilyName = "Çela", EstimatedBirthYear = 2030, Gender = "Feminine" };

        var error = Assert.Single(PersonRules.Check(input, Today));
        Assert.Equal(("EstimatedBirthYear", "Cases.Person.BirthYearInvalid"), (error.Field, error.MessageKey));
    }
}
