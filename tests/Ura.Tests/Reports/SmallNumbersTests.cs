using Ura.Features.Reports;

namespace Ura.Tests.Reports;

public sealed class SmallNumbersTests
{
    private const int Threshold = SmallNumbers.DefaultThreshold;

    [Theory]
    [InlineData(0, 5, 0)]
    [InlineData(5, 5, 5)]
    [InlineData(7, 5, 5)]
    [InlineData(8, 5, 10)]
    [InlineData(12, 5, 10)]
    [InlineData(13, 5, 15)]
    [InlineData(3, 10, 10)]
    [InlineData(15, 10, 20)]
    [InlineData(2, 20, 20)]
    [InlineData(7, 1, 7)]
    public void Round_Count_NearestMultipleHalvesUpNeverZero(int count, int roundTo, int rounded) =>
        Assert.Equal(rounded, SmallNumbers.Round(count, roundTo));

    [Fact]
    public void Protect_RoundTo5_EveryShownCountRoundedOnItsOwnHiddenStayHidden()
    {
        var table = SmallNumbers.Protect([2, 41, 17, 0, 8], Threshold, roundTo: 5);

        Assert.Null(table[0]);
        Assert.Equal(40, table[1]);
        Assert.Equal(0, table[3]);
        // 68 rounds to 70, not to the 65 its shown rows add up to.
        Assert.Equal(70, table.Total);
        Assert.Equal(2, Enumerable.Range(0, 5).Count(i => table[i] is null));
        Assert.All(Enumerable.Range(0, 5).Select(i => table[i]), v => Assert.True(v is null || v % 5 == 0));
    }

    [Fact]
    public void Protect_NothingSmall_ShowsEverything()
    {
        var table = SmallNumbers.Protect(new[,] { { 10, 0 }, { 7, 25 } }, Threshold);

        Assert.False(table.AnyHidden);
        Assert.Equal(0, table.Cell(0, 1));
        Assert.Equal(10, table.RowTotal(0));
        Assert.Equal(17, table.ColumnTotal(0));
        Assert.Equal(42, table.Total);
    }

    [Fact]
    public void Protect_OneSmallCountInAList_HidesASecondSoTheTotalGivesNothingAway()
    {
        var table = SmallNumbers.Protect([2, 40, 17, 0], Threshold);

        Assert.Null(table[0]);
        Assert.Equal(1, Enumerable.Range(1, 3).Count(i => table[i] is null));
        Assert.Equal(40, table[1]);
        Assert.Equal(0, table[3]);
        Assert.Equal(59, table.Total);
        AssertNothingSmallCanBeWorkedOut(new[,] { { 2 }, { 40 }, { 17 }, { 0 } }, table);
    }

    [Fact]
    public void Protect_TableSmallerThanTheThreshold_HidesEverything()
    {
        var table = SmallNumbers.Protect([3, 0, 0], Threshold);

        Assert.Null(table[0]);
        Assert.Null(table[1]);
        Assert.Null(table[2]);
        Assert.Null(table.Total);
    }

    [Fact]
    public void Protect_SingleVictimAloneInRowAndColumn_CannotBeWorkedOutFromTheTotals()
    {
        int[,] cells = { { 1, 0, 0 }, { 0, 30, 12 }, { 0, 9, 44 } };

        var table = SmallNumbers.Protect(cells, Threshold);

        Assert.Null(table.Cell(0, 0));
        Assert.NotNull(table.Total);
        AssertNothingSmallCanBeWorkedOut(cells, table);
    }

    [Fact]
    public void Protect_SmallRowTotal_IsHiddenAndProtected()
    {
        int[,] cells = { { 2, 1 }, { 20, 30 }, { 15, 8 } };

        var table = SmallNumbers.Protect(cells, Threshold);

        Assert.Null(table.RowTotal(0));
        AssertNothingSmallCanBeWorkedOut(cells, table);
    }

    [Fact]
    public void Check_HidingOnlyTheSmallCount_IsCaught()
    {
        // The check below must be able to fail: hiding the small cell alone gives it away.
        int[,] cells = { { 2, 9 }, { 8, 7 } };
        var grid = new SmallNumbers.Grid(cells);
        grid.Hide(new SmallNumbers.Cell(0, 0));

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNothingSmallCanBeWorkedOut(cells, new ProtectedTable(grid, 1)));
    }

    [Fact]
    public void Protect_NegativeCount_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SmallNumbers.Protect([3, -1], Threshold));
    }

    [Theory]
    [InlineData(1, 3, 4, 60)]
    [InlineData(2, 2, 5, 60)]
    [InlineData(3, 3, 5, 20)]
    [InlineData(4, 1, 5, 60)]
    [InlineData(2, 4, 11, 20)]
    public void Protect_RandomTables_NoHiddenSmallCountCanBeWorkedOut(int rows, int columns, int threshold, int tables)
    {
        var random = new Random(rows * 100 + columns * 10 + threshold);
        for (var n = 0; n < tables; n++)
        {
            var cells = new int[rows, columns];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                    cells[r, c] = random.Next(3) switch { 0 => 0, 1 => random.Next(1, threshold), _ => random.Next(threshold, 14) };

            var table = SmallNumbers.Protect(cells, threshold);

            AssertNothingSmallCanBeWorkedOut(cells, table, threshold);
        }
    }

    /// <summary>
    /// Works out, by trying every table that agrees with everything shown, which values each hidden
    /// count could have, and checks that every count below the threshold could as well be one less
    /// and could be at least the threshold. Independent of how the counts to hide were chosen.
    /// </summary>
    private static void AssertNothingSmallCanBeWorkedOut(int[,] cells, ProtectedTable table, int threshold = Threshold)
    {
        int rows = cells.GetLength(0), columns = cells.GetLength(1);
        var rowTotals = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Sum(c => cells[r, c])).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, rows).Sum(r => cells[r, c])).ToArray();
        var total = rowTotals.Sum();

        // Everything a reader sees must be true.
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (table.Cell(r, c) is { } shown) Assert.Equal(cells[r, c], shown);
            }
            if (table.RowTotal(r) is { } shownRow) Assert.Equal(rowTotals[r], shownRow);
        }
        for (var c = 0; c < columns; c++)
        {
            if (table.ColumnTotal(c) is { } shownColumn) Assert.Equal(columnTotals[c], shownColumn);
        }
        if (table.Total is { } shownTotal) Assert.Equal(total, shownTotal);

        var small = new List<(string Name, int Value, Func<int[,], int> Read)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var (row, column) = (r, c);
                if (cells[r, c] > 0 && cells[r, c] < threshold) small.Add(($"cell {r},{c}", cells[r, c], t => t[row, column]));
            }
            var rr = r;
            if (rowTotals[r] > 0 && rowTotals[r] < threshold) small.Add(($"row total {r}", rowTotals[r], t => RowSum(t, rr)));
        }
        for (var c = 0; c < columns; c++)
        {
            var cc = c;
            if (columnTotals[c] > 0 && columnTotals[c] < threshold) small.Add(($"column total {c}", columnTotals[c], t => ColumnSum(t, cc)));
        }
        if (small.Count == 0) return;
        // Searching beyond this finds nothing the assertions need.
        var cap = total + threshold;

        var possible = small.Select(_ => new HashSet<int>()).ToArray();
        var hidden = new List<(int Row, int Column)>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                if (table.Cell(r, c) is null) hidden.Add((r, c));

        var candidate = new int[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                candidate[r, c] = table.Cell(r, c) ?? 0;

        void Try(int index)
        {
            if (index == hidden.Count)
            {
                if (table.Total is { } grand && RowSum(candidate, -1) != grand) return;
                for (var r = 0; r < rows; r++) if (table.RowTotal(r) is { } t && RowSum(candidate, r) != t) return;
                for (var c = 0; c < columns; c++) if (table.ColumnTotal(c) is { } t && ColumnSum(candidate, c) != t) return;
                for (var i = 0; i < small.Count; i++) possible[i].Add(small[i].Read(candidate));
                return;
            }
            var (row, column) = hidden[index];
            var limit = (table.Total ?? cap) - RowSum(candidate, -1);
            if (table.RowTotal(row) is { } rowTotal) limit = Math.Min(limit, rowTotal - RowSum(candidate, row));
            if (table.ColumnTotal(column) is { } columnTotal) limit = Math.Min(limit, columnTotal - ColumnSum(candidate, column));
            var lastInRow = index + 1 == hidden.Count || hidden[index + 1].Row != row;
            if (lastInRow && table.RowTotal(row) is { } rowShown)
            {
                // The last hidden cell of a row with a shown total can only take one value.
                var only = rowShown - RowSum(candidate, row);
                if (only >= 0 && only <= limit)
                {
                    candidate[row, column] = only;
                    Try(index + 1);
                }
            }
            else
            {
                for (var value = 0; value <= limit; value++)
                {
                    candidate[row, column] = value;
                    Try(index + 1);
                }
            }
            candidate[row, column] = 0;
        }
        Try(0);

        for (var i = 0; i < small.Count; i++)
        {
            var (name, value, _) = small[i];
            Assert.True(possible[i].Any(v => v < value), $"{name} ({value}) cannot be lower: {string.Join(",", possible[i])}");
            Assert.True(possible[i].Any(v => v >= threshold), $"{name} ({value}) cannot reach {threshold}: {string.Join(",", possible[i])}");
        }
    }

    private static int RowSum(int[,] table, int row)
    {
        var sum = 0;
        for (var r = 0; r < table.GetLength(0); r++)
            for (var c = 0; c < table.GetLength(1); c++)
                if (row < 0 || r == row) sum += table[r, c];
        return sum;
    }

    private static int ColumnSum(int[,] table, int column)
    {
        var sum = 0;
        for (var r = 0; r < table.GetLength(0); r++) sum += table[r, column];
        return sum;
    }
}
