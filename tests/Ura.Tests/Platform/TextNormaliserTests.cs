using Ura.Platform.Crypto;

namespace Ura.Tests.Platform;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("Çela", "cela")]
    [InlineData("Cela", "cela")]
    [InlineData("Чела", "cela")]
    [InlineData("ÇELA", "cela")]
    [InlineData("Đorđević", "djordjevic")]
    [InlineData("Ђорђевић", "djordjevic")]
    [InlineData("Ѓорѓиевски", "gjorgjievski")]
    [InlineData("Ëndrit", "endrit")]
    public void Normalise_Name_FoldsCaseDiacriticsAndCyrillic(string name, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(name));

    [Theory]
    [InlineData("Đorđević", "Ђорђевић")]
    [InlineData("Đorđević", "Djordjevic")]
    [InlineData("Hodžić", "Хоџић")]
    [InlineData("Hodžić", "HODZIC")]
    [InlineData("Ljubica Njegoš", "Љубица Његош")]
    [InlineData("Šćepanović", "Шћепановић")]
    [InlineData("Gjorgjievski", "Ѓорѓиевски")]
    [InlineData("Kjiro", "Ќиро")]
    [InlineData("Dzvezda", "Ѕвезда")]
    [InlineData("Shkëlqim Hoxha", "Shkelqim Hoxha")]
    [InlineData("Jovanović", "Јовановић")]
    public void Normalise_SameNameInTwoScripts_Equal(string a, string b) =>
        Assert.Equal(TextNormaliser.Normalise(a), TextNormaliser.Normalise(b));

    [Theory]
    [InlineData("Cela", "Kela")]
    [InlineData("Ana", "Anna")]
    [InlineData("Ilić", "Ilija")]
    public void Normalise_DifferentNames_Differ(string a, string b) =>
        Assert.NotEqual(TextNormaliser.Normalise(a), TextNormaliser.Normalise(b));

    [Fact]
    public void Tokens_NameWithPunctuationAndRepeats_NormalisedWordsOnceInOrder() =>
        Assert.Equal(["ana", "marija", "djukic"], TextNormaliser.Tokens("Ana-Marija  ĐUKIĆ, ana"));

    [Fact]
    public void Tokens_OnlyPunctuation_Empty() =>
        Assert.Empty(TextNormaliser.Tokens(" - , . "));
}
