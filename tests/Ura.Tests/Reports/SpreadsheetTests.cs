using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ura.Features.Reports;

namespace Ura.Tests.Reports;

public sealed class SpreadsheetTests
{
    [Fact]
    public void Cells_keep_their_types_and_sheet_names_lose_the_characters_Excel_refuses()
    {
        var bytes = new Spreadsheet()
            .Sheet("Victims: by sex / age [2026]", ["Sex", "Persons", "Cost", "Since"],
                [["Female", 12, 1234.5m, new DateOnly(2026, 3, 1)], ["Male", null, null, null]])
            .ToBytes();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Victims by sex  age 2026", sheet.Name!.Value);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["Sex", "Persons", "Cost", "Since"], rows[0].Elements<Cell>().Select(c => c.InnerText));

        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal(CellValues.InlineString, first[0].DataType!.Value);
        Assert.Equal("Female", first[0].InnerText);
        Assert.Equal(CellValues.Number, first[1].DataType!.Value);
        Assert.Equal("12", first[1].CellValue!.Text);
        Assert.Equal("1234.5", first[2].CellValue!.Text);
        // 2026-03-01 is day 46,082 counted from 1899-12-30, shown with a date format.
        Assert.Equal("46082", first[3].CellValue!.Text);
        Assert.NotNull(first[3].StyleIndex);

        Assert.All(rows[2].Elements<Cell>().Skip(1), c => Assert.Null(c.CellValue));
    }

    [Fact]
    public void A_value_of_another_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Spreadsheet().Sheet("x", ["a"], [[new object()]]).ToBytes());
    }
}
