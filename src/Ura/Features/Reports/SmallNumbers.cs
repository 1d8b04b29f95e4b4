namespace Ura.Features.Reports;

/// <summary>
/// Small-number protection for a table of counts that leaves a case team: counts below the
/// threshold are hidden (primary suppression), and further counts are hidden so that no hidden
/// count can be worked out from what is still shown (complementary suppression).
/// </summary>
/// <remarks>
/// The table is handled together with its totals, as an augmented grid with one more row (column
/// totals) and one more column (row totals); the corner is the grand total. In that grid every row
/// and every column adds up to zero once the totals are negated, so adding d to two opposite
/// corners of any rectangle of hidden cells and subtracting d from the other two leaves everything
/// shown unchanged. A hidden count is protected when such a rectangle lets it be one less than it
/// is and also as large as the threshold, with no count going below zero: a reader cannot tell a
/// one from a zero, nor a small count from a count that could have been published. The same holds
/// for any cycle of hidden cells that alternates between rows and columns. Each hidden count gets
/// its own rectangle or six-cell cycle, chosen to hide as little as possible, preferring cells to
/// totals and totals to the grand total.
/// </remarks>
public static class SmallNumbers
{
    /// <summary>The threshold when the node does not set one.</summary>
    public const int DefaultThreshold = 5;

    public static ProtectedTable Protect(int[,] cells, int threshold, int roundTo = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTo, 1);
        var grid = new Grid(cells);
        foreach (var cell in grid.AllCells())
        {
            if (grid.Quantity(cell) < 0) throw new ArgumentException("Counts cannot be negative.", nameof(cells));
        }

        var total = grid.Quantity(grid.Corner);
        if (total > 0 && total < threshold)
        {
            // Whatever part of a table this small were shown, the rest would follow from it.
            foreach (var cell in grid.AllCells()) grid.Hide(cell);
            return new ProtectedTable(grid, roundTo);
        }

        var primary = grid.AllCells()
            .Where(c => grid.Quantity(c) > 0 && grid.Quantity(c) < threshold)
            .OrderBy(c => grid.IsTotal(c)).ThenBy(c => grid.Quantity(c))
            .ToList();
        foreach (var cell in primary) grid.Hide(cell);
        foreach (var cell in primary)
        {
            foreach (var other in grid.CheapestCycle(cell, threshold)) grid.Hide(other);
        }
        return new ProtectedTable(grid, roundTo);
    }

    /// <summary>A list of counts with its total, such as people by sex.</summary>
    public static ProtectedTable Protect(IReadOnlyList<int> counts, int threshold, int roundTo = 1)
    {
        var cells = new int[counts.Count, 1];
        for (var i = 0; i < counts.Count; i++) cells[i, 0] = counts[i];
        return Protect(cells, threshold, roundTo);
    }

    /// <summary>
    /// A count rounded to the nearest multiple of <paramref name="roundTo"/>, halves up; never to 0 unless it is 0, since a
    /// shown 0 means none.
    /// </summary>
    public static int Round(int count, int roundTo) =>
        count == 0 ? 0 : Math.Max(roundTo, (count + roundTo / 2) / roundTo * roundTo);

    internal readonly record struct Cell(int Row, int Column);

    /// <summary>The augmented grid: value in grid terms (totals negated) and whether it is hidden.</summary>
    internal sealed class Grid
    {
        private readonly int[,] values;
        private readonly bool[,] hidden;

        public Grid(int[,] cells)
        {
            Rows = cells.GetLength(0);
            Columns = cells.GetLength(1);
            values = new int[Rows + 1, Columns + 1];
            hidden = new bool[Rows + 1, Columns + 1];
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    values[r, c] = cells[r, c];
                    values[r, Columns] -= cells[r, c];
                    values[Rows, c] -= cells[r, c];
                    values[Rows, Columns] += cells[r, c];
                }
            }
        }

        public int Rows { get; }
        public int Columns { get; }
        public Cell Corner => new(Rows, Columns);

        public IEnumerable<Cell> AllCells()
        {
            for (var r = 0; r <= Rows; r++)
                for (var c = 0; c <= Columns; c++)
                    yield return new Cell(r, c);
        }

        public bool IsTotal(Cell cell) => cell.Row == Rows || cell.Column == Columns;
        public bool IsHidden(Cell cell) => hidden[cell.Row, cell.Column];

        /// <summary>Row and column totals count down; everything else counts up.</summary>
        private int Sign(Cell cell) => (cell.Row == Rows) == (cell.Column == Columns) ? 1 : -1;

        public int Quantity(Cell cell) => Sign(cell) * values[cell.Row, cell.Column];

        /// <summary>
        /// Hides a count and every other place the same number appears: in a one-column table each
        /// row total is its cell, in a one-row table each column total is its cell.
        /// </summary>
        public void Hide(Cell cell)
        {
            hidden[cell.Row, cell.Column] = true;
            if (Columns == 1) hidden[cell.Row, 1 - cell.Column] = true;
            if (Rows == 1) hidden[1 - cell.Row, cell.Column] = true;
            if (Rows == 1 && Columns == 1) hidden[1 - cell.Row, 1 - cell.Column] = true;
        }

        public Cell[] CheapestCycle(Cell cell, int threshold)
        {
            Cell[]? best = null;
            var bestCost = long.MaxValue;
            foreach (var cycle in Cycles(cell))
            {
                if (!Protects(cell, cycle, threshold)) continue;
                var cost = cycle.Sum(Cost);
                if (cost < bestCost) (best, bestCost) = (cycle, cost);
            }
            // The rectangle through the row total, column total and grand total always protects.
            return best ?? throw new InvalidOperationException("No cycle protects this count.");
        }

        /// <summary>
        /// The other cells of each rectangle and each six-cell cycle (three rows, three columns)
        /// through the cell, in order around it. Longer cycles are never needed: the rectangle
        /// through the totals always protects.
        /// </summary>
        private IEnumerable<Cell[]> Cycles(Cell cell)
        {
            var (i, j) = (cell.Row, cell.Column);
            for (var r = 0; r <= Rows; r++)
            {
                if (r == i) continue;
                for (var a = 0; a <= Columns; a++)
                {
                    if (a == j) continue;
                    yield return [new(i, a), new(r, a), new(r, j)];
                    for (var b = 0; b <= Columns; b++)
                    {
                        if (b == j || b == a) continue;
                        for (var s = 0; s <= Rows; s++)
                        {
                            if (s == i || s == r) continue;
                            yield return [new(i, a), new(r, a), new(r, b), new(s, b), new(s, j)];
                        }
                    }
                }
            }
        }

        private long Cost(Cell cell) =>
            IsHidden(cell) ? 0
            : cell == Corner ? 1_000_000L + Quantity(cell)
            : IsTotal(cell) ? 10_000L + Quantity(cell)
            : Quantity(cell);

        /// <summary>
        /// Whether moving the count around this cycle can make it one less and also reach the
        /// threshold without any count on the cycle going below zero.
        /// </summary>
        private bool Protects(Cell cell, Cell[] cycle, int threshold)
        {
            var quantity = Quantity(cell);
            return Feasible(cell, cycle, -1) && Feasible(cell, cycle, Math.Max(threshold - quantity, 1));
        }

        private bool Feasible(Cell cell, Cell[] cycle, int change)
        {
            // In grid terms: +d on the cell, then -d, +d, -d ... around the cycle.
            var move = -Sign(cell) * change;
            foreach (var other in cycle)
            {
                if (Quantity(other) + Sign(other) * move < 0) return false;
                move = -move;
            }
            return true;
        }
    }
}

/// <summary>A table of counts as it may be published: null where a count is hidden, every other count rounded.</summary>
public sealed class ProtectedTable
{
    private readonly int?[,] shown;

    internal ProtectedTable(SmallNumbers.Grid grid, int roundTo)
    {
        Rows = grid.Rows;
        Columns = grid.Columns;
        shown = new int?[Rows + 1, Columns + 1];
        foreach (var cell in grid.AllCells())
        {
            shown[cell.Row, cell.Column] = grid.IsHidden(cell) ? null : SmallNumbers.Round(grid.Quantity(cell), roundTo);
        }
    }

    public int Rows { get; }
    public int Columns { get; }

    public int? Cell(int row, int column) => shown[row, column];
    public int? RowTotal(int row) => shown[row, Columns];
    public int? ColumnTotal(int column) => shown[Rows, column];
    public int? Total => shown[Rows, Columns];

    /// <summary>For a table made from a list: the count of one entry.</summary>
    public int? this[int row] => Cell(row, 0);

    public bool AnyHidden
    {
        get
        {
            foreach (var value in shown) if (value is null) return true;
            return false;
        }
    }
}
