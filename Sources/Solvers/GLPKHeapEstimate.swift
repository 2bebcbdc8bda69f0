import IR

extension GLPKSolver {
    /// About the bytes GLPK allocates from the C heap when a problem of this size is built: its
    /// row, column and element records (GLPK 5.0: 188 MB for 417k rows, 417k columns and 1.46M
    /// nonzeros), saturating at `Int.max`.
    public static func heapBytes(rows: Int, columns: Int, nonzeros: Int) -> Int {
        let (a, o1) = rows.multipliedReportingOverflow(by: 128)
        let (b, o2) = columns.multipliedReportingOverflow(by: 136)
        let (c, o3) = nonzeros.multipliedReportingOverflow(by: 56)
        let (ab, o4) = a.addingReportingOverflow(b)
        let (sum, o5) = ab.addingReportingOverflow(c)
        return o1 || o2 || o3 || o4 || o5 ? Int.max : sum
    }

    /// `heapBytes` of a model's rows, columns and nonzeros.
    public static func heapBytes(_ model: ScalarModel) -> Int {
        heapBytes(rows: model.rowCount, columns: model.columnCount, nonzeros: model.nonzeroCount)
    }
}
