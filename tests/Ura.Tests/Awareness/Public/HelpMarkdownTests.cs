using Ura.Features.Awareness.Public;

namespace Ura.Tests.Awareness.Public;

/// <summary>What the help pages' Markdown lets through: never script, raw HTML, images or unsafe links.</summary>
public sealed class HelpMarkdownTests
{
    [Theory]
    [InlineData("Hello <script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<div>block</div>")]
    [InlineData("a <b>bold</b> word")]
    [InlineData("<!-- hidden -->")]
    public void Problems_RawHtml_Refused(string body) =>
        Assert.Contains("HelpPages.RawHtml", HelpMarkdown.Problems(body));

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](//evil.example/)")]
    [InlineData("[x](vbscript:msgbox)")]
    public void Problems_UnsafeLink_Refused(string body) =>
        Assert.Contains("HelpPages.LinkNotAllowed", HelpMarkdown.Problems(body));

    [Fact]
    public void Problems_Image_Refused() =>
        Assert.Contains("HelpPages.NoImages", HelpMarkdown.Problems("![logo](https://evil.example/x.png)"));

    [Theory]
    [InlineData("Call [112](tel:112) or write to [us](mailto:help@example.org).")]
    [InlineData("See [rights](/help/al/sq/your-rights) and [the law](https://example.org/law).")]
    [InlineData("# Title\n\n- one\n- two\n\n**bold** 3 < 4 and 5 > 2")]
    public void Problems_SafeMarkdown_None(string body) =>
        Assert.Empty(HelpMarkdown.Problems(body));

    [Fact]
    public void ToHtml_ScriptAndHandlers_EscapedNeverTags()
    {
        var html = HelpMarkdown.ToHtml("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=\"x\">a</div>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_UnsafeLinksAndImages_BecomePlainText()
    {
        var html = HelpMarkdown.ToHtml("[click](javascript:alert(1)) ![logo](https://evil.example/x.png) <javascript:alert(1)>");

        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("click", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_PhoneLink_Kept()
    {
        var html = HelpMarkdown.ToHtml("Call [112](tel:112).");

        Assert.Contains("<a href=\"tel:112\">112</a>", html, StringComparison.Ordinal);
    }
}
