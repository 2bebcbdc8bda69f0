import Driver
import Foundation
import Testing

/// The command line's front door: the version, the usage, the manual page.
@Suite struct CommandLineTests {
    @Test("enm --version prints the one version enm defines")
    func version() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "enm is not built")
        let run = try ExplainCommandTests.runEnm(binary, ["--version"])
        #expect(run.out == EnmVersion.current + "\n")
        #expect(run.status == 0)
    }

    @Test("enm without a command prints the usage on standard error and exits 64")
    func noArguments() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "enm is not built")
        let run = try ExplainCommandTests.runEnm(binary, [])
        #expect(run.status == 64)
        #expect(run.out == "")
        #expect(run.err.contains("USAGE: enm <subcommand>"))
        #expect(run.err.contains("solve"))
    }

    @Test("the manual page is generated from the current commands")
    func manualPage() throws {
        let root = DocPages.root
        let page = try String(contentsOf: root.appendingPathComponent("docs/enm.1"), encoding: .utf8)
        // mdoc writes an option --x as "Fl -x"
        for option in ["--generate-only", "--no-implied-bounds", "--allow-shell", "--ledger", "--version"] {
            #expect(page.contains("Fl " + option.dropFirst()), "docs/enm.1 lacks \(option): run bash scripts/generate-manual.sh")
        }
        for command in ["solve", "check", "export", "tex", "explain", "ledger", "gdx"] {
            #expect(page.contains(".It Em \(command)\n"), "docs/enm.1 lacks enm \(command): run bash scripts/generate-manual.sh")
        }
    }
}
