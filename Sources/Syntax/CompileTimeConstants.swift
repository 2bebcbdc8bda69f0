/// GAMS's compile-time constants that name the values of options and function results
/// (`%solveLink.asyncThreads%` is 6), as `%name%` substitutes them.
extension Preprocessor {
    /// The constants, by lower-cased name.
    static let compileTimeConstants: [String: String] = {
        var table: [String: String] = [:]
        let solveLink = ["chainScript", "callScript", "callModule", "asyncGrid", "asyncSimulate", "loadLibrary",
                         "aSyncThreads", "threadsSimulate"]
        for (value, name) in solveLink.enumerated() { table["solvelink." + name.lowercased()] = String(value) }
        for (value, name) in ["unknown", "running", "ready", "failure"].enumerated() { table["handlestatus." + name] = String(value) }
        return table
    }()
}
