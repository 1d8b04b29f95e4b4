using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Ura.Features.Cases;
using Ura.Tests.Infrastructure;
using static Ura.Tests.Admin.AdminTestSupport;
using static Ura.Tests.CaseContent.CaseContentSupport;
using static Ura.Tests.Cases.CaseTestSupport;

namespace Ura.Tests.CaseContent;

/// <summary>Case documents: accepted by content, size-limited, encrypted at rest, served only as uncached attachments, every download audited.</summary>
public sealed class DocumentsTests(UraFactory factory) : IClassFixture<UraFactory>
{
    private const long TenMegabytes = 10 * 1024 * 1024;

    private static byte[] Docx(bool word = true)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                writer.Write("<Types/>");
            using (var writer = new StreamWriter(zip.CreateEntry(word ? "word/document.xml" : "notes.txt").Open()))
                writer.Write("<document/>");
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Upload_Pdf_EncryptedAtRestAndDownloadedAsUncachedAttachmentEachTimeAudited()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Mimoza", "Lika"));
        var pdf = Pdf("MIMOZA-MEDICAL");

        var uploaded = await UploadAsync(client, opened.Id, pdf, "report-mimoza.pdf");
        var item = (await uploaded.Content.ReadFromJsonAsync<DocumentListItem>(WebJson))!;
        var stored = await factory.WithDb(db => db.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == item.Id));
        var worker = await factory.UserAsync(Demo.CaseWorker);
        var first = await client.GetAsync($"/api/v1/cases/{opened.Id}/documents/{item.Id}/content");
        var second = await client.GetAsync($"/cases/{opened.Id}/documents/{item.Id}");

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(("application/pdf", pdf.LongLength, "MedicalReport"), (stored.ContentType, stored.Length, stored.Type.ToString()));
        Assert.DoesNotContain("MIMOZA-MEDICAL", System.Text.Encoding.ASCII.GetString(stored.EncryptedContent), StringComparison.Ordinal);
        foreach (var download in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.True(download.Headers.CacheControl?.NoStore);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("report-mimoza.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        }
        Assert.Equal(2, await factory.ReadsAsync(nameof(CaseDocument), item.Id, worker.Id));
        Assert.True(await factory.WithDb(db => db.CaseEvents.AnyAsync(e => e.CaseId == opened.Id && e.Action == "document.upload" && e.Detail == "CaseDocumentType.MedicalReport")));
    }

    [Fact]
    public async Task Upload_PngAndDocxClaimingAnotherType_TypeTakenFromContent()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Flutura", "Kastrati"));

        var png = await UploadAsync(client, opened.Id, Png, "passport.PNG", "IdentityDocumentCopy", "application/pdf");
        var docx = await UploadAsync(client, opened.Id, Docx(), "statement.docx", "LegalDocument", "text/plain");

        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
        Assert.Equal(HttpStatusCode.Created, docx.StatusCode);
        Assert.Equal(["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png"],
            await factory.WithDb(db => db.CaseDocuments.Where(d => d.CaseId == opened.Id).OrderBy(d => d.ContentType).Select(d => d.ContentType).ToListAsync()));
    }

    public static TheoryData<string, string, string, string> BadUploads => new()
    {
        { "text", "letter.pdf", "MedicalReport", "Documents.WrongType" },
        { "png", "scan.pdf", "MedicalReport", "Documents.WrongType" },
        { "pdf", "report.exe", "MedicalReport", "Documents.WrongType" },
        { "zip", "archive.docx", "LegalDocument", "Documents.WrongType" },
        { "html", "page.html", "Other", "Documents.WrongType" },
        { "empty", "empty.pdf", "MedicalReport", "Documents.FileRequired" },
        { "oversize", "big.pdf", "MedicalReport", "Documents.TooLarge" },
        { "pdf", "report.pdf", "Selfie", "Documents.UnknownType" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_BadFile_LocalisedErrorInAlbanianNothingStored(string content, string fileName, string type, string key)
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sq");
        var opened = await OpenAsync(client, Adult("Shpresa", "Dushi"));
        var bytes = content switch
        {
            "text" => "just some words"u8.ToArray(),
            "png" => Png,
            "zip" => Docx(word: false),
            "html" => "<html><script>alert(1)</script></html>"u8.ToArray(),
            "empty" => [],
            "oversize" => [.. Pdf(), .. new byte[TenMegabytes]],
            _ => Pdf(),
        };
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await UploadAsync(client, opened.Id, bytes, fileName, type);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text(key, "sq")], await ProblemErrorsAsync(response, key == "Documents.UnknownType" ? "type" : "file"));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task Upload_ClosedCase_RefusedNothingStored()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var opened = await OpenAsync(client, Adult("Vesa", "Morina"));
        await factory.CloseAsync(opened.Id);
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await UploadAsync(client, opened.Id, Pdf(), "report.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([factory.Text("Cases.Closed")], await ProblemErrorsAsync(response, ""));
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task DocumentsPage_UploadFormWithoutScript_StoresAndListsTheFile()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "mk");
        var opened = await OpenAsync(client, Adult("Елена", "Стојанова"));
        var url = $"/cases/{opened.Id}/documents";
        var form = Upload(Pdf(), "согласност.pdf", "ConsentForm");
        form.Add(new StringContent(await UraFactory.AntiforgeryTokenAsync(client, url)), "__af");

        var response = await client.PostAsync(url, form);
        var html = await (await client.GetAsync(url)).HtmlAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("согласност.pdf", html, StringComparison.Ordinal);
        Assert.Contains(factory.Text("CaseDocumentType.ConsentForm", "mk"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentsPage_WrongType_LocalisedErrorInSerbianNothingStored()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "sr-Latn");
        var opened = await OpenAsync(client, Adult("Ivana", "Petrović"));
        var url = $"/cases/{opened.Id}/documents";
        var form = Upload("MZ not a pdf"u8.ToArray(), "izvestaj.pdf", "MedicalReport");
        form.Add(new StringContent(await UraFactory.AntiforgeryTokenAsync(client, url)), "__af");
        var before = await factory.ContentCountsAsync(opened.Id);

        var response = await client.PostAsync(url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Text("Documents.WrongType", "sr-Latn"), await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.ContentCountsAsync(opened.Id));
    }

    [Fact]
    public async Task Download_DocumentOfAnotherCase_404AndNotAudited()
    {
        var client = await factory.SignInAsync(Demo.CaseWorker, "en");
        var first = await OpenAsync(client, Adult("Liridona", "Zeka"));
        var second = await OpenAsync(client, Adult("Kaltrina", "Zeka"));
        var item = (await (await UploadAsync(client, first.Id, Pdf(), "a.pdf")).Content.ReadFromJsonAsync<DocumentListItem>(WebJson))!;
        var worker = await factory.UserAsync(Demo.CaseWorker);

        var response = await client.GetAsync($"/api/v1/cases/{second.Id}/documents/{item.Id}/content");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await factory.ReadsAsync(nameof(CaseDocument), item.Id, worker.Id));
    }
}
