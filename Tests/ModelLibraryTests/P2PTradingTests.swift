import Foundation
import Testing

// models/p2p-trading writes two files besides its displays: the optimized run's pair trades as a
// hash-chained log (trades.jsonl, a put file with .ledger = 1) and a self-contained page with a
// step slider (trading.html). These tests run the model in a scratch copy of its folder, check
// the log with `enm ledger verify` before and after tampering with it, and move the page's
// slider in headless Chromium.

/// The Python with PyPI selenium that drives Chromium ($ENM_SELENIUM_PYTHON, else the venv that
/// scripts/test.sh installs under .build), nil when there is none.
private let seleniumPython: String? = {
    let fm = FileManager.default
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["ENM_SELENIUM_PYTHON"], !env.isEmpty { candidates.append(env) }
    candidates.append(packageRoot.appendingPathComponent(".build/selenium-venv/bin/python").path)
    return candidates.first { fm.isExecutableFile(atPath: $0) }
}()

/// Debian's chromedriver, nil when it is not installed.
private let chromeDriver: String? = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// One run of the model in a scratch folder: its displays and the folder with the files it wrote.
private struct TradingRun {
    let folder: URL
    let displays: [[String: Any]]

    /// Copies the model's source files to a new scratch folder and runs `enm solve trading.enm`.
    static func make() throws -> TradingRun {
        let exe = try #require(enmExecutable, "the enm executable is not built (swift build first)")
        let source = packageRoot.appendingPathComponent("models/p2p-trading")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-p2p-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["trading.enm", "page.enm"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let output = try runEnm(exe, ["solve", "trading.enm", "--json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any],
                                  "no JSON from enm solve: \(output.stderr)")
        #expect((object["exitCode"] as? NSNumber)?.intValue == 0, "enm solve trading.enm failed: \(output.stderr)")
        return TradingRun(folder: folder, displays: object["displays"] as? [[String: Any]] ?? [])
    }

    /// A displayed scalar.
    func scalar(_ name: String) -> Double? {
        lookUp(Expected.Check(symbol: name, attribute: nil, labels: [], value: 0, tolerance: 0), in: displays)
    }

    var log: URL { folder.appendingPathComponent("trades.jsonl") }

    /// The log's lines (without line ends).
    func logLines() throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// `enm ledger verify` (with `options`) on a file holding `lines`: its exit status and verdict line.
    func verify(_ lines: [String], _ options: [String] = []) throws -> (status: Int32, message: String) {
        let path = folder.appendingPathComponent("tampered-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
        let output = try runEnm(try #require(enmExecutable), ["ledger", "verify", path.path] + options, in: folder)
        let text = String(decoding: output.stdout, as: UTF8.self) + output.stderr
        return (output.status, text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: path.path, with: "FILE"))
    }
}

/// The fields of a trade record.
private func record(_ line: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
}

@Suite("P2P trading: the hash-chained trade log and the playback page")
struct P2PTradingTests {
    @Test("every trade of the run is a record of a hash chain that enm ledger verify accepts")
    func logIsIntact() throws {
        let run = try TradingRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let lines = try run.logLines()
        let count = try #require(run.scalar("tradeCount"))
        #expect(count >= 10, "the default run should trade: \(count) trades")
        #expect(Double(lines.count) == count, "the log holds \(lines.count) records, the run displays \(count) trades")
        var volume = 0.0
        var seen = Set<String>()
        for (k, line) in lines.enumerated() {
            let r = try record(line)
            #expect((r["seq"] as? NSNumber)?.intValue == k + 1)
            let seller = try #require(r["seller"] as? String), buyer = try #require(r["buyer"] as? String)
            #expect(seller != buyer && seller.hasPrefix("h") && buyer.hasPrefix("h"), "record \(k + 1): \(line)")
            let price = try #require((r["price"] as? NSNumber)?.doubleValue)
            #expect(price > 0 && price < 0.15, "record \(k + 1): the P2P price lies below the grid's buy price")
            volume += try #require((r["kWh"] as? NSNumber)?.doubleValue)
            #expect(seen.insert(try #require(r["hash"] as? String)).inserted)
        }
        let displayed = try #require(run.scalar("tradeVolume"))
        #expect(abs(volume - displayed) < 1e-4 * Double(lines.count), "log volume \(volume) vs displayed \(displayed)")
        let verdict = try run.verify(lines)
        #expect(verdict.status == 0)
        #expect(verdict.message == "ledger FILE: \(lines.count) records, intact")
    }

    @Test("enm ledger verify names the first bad record of an edited, inserted, removed or reordered log")
    func tamperingIsFound() throws {
        let run = try TradingRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let lines = try run.logLines()
        try #require(lines.count >= 5)

        // edited: the second trade's energy changed, its hash left as it was
        var edited = lines
        let kWh = try #require((try record(lines[1])["kWh"] as? NSNumber)?.doubleValue)
        let text = JSONValueText.number(kWh)
        #expect(edited[1].contains("\"kWh\":\(text),"), "record 2 as written: \(edited[1])")
        edited[1] = edited[1].replacingOccurrences(of: "\"kWh\":\(text),", with: "\"kWh\":\(JSONValueText.number(kWh + 1)),")
        #expect(try run.verify(edited) == (1, "ledger FILE: record 2: edited: its content does not match its hash"))

        // inserted: a copy of record 3 inserted after it
        var inserted = lines
        inserted.insert(lines[2], at: 3)
        #expect(try run.verify(inserted) == (1, "ledger FILE: record 4: seq is 3 where 4 was expected: records were reordered or duplicated"))

        // removed: record 3 taken out (in the middle) and record 1 taken out (at the start)
        var removed = lines
        removed.remove(at: 2)
        #expect(try run.verify(removed) == (1, "ledger FILE: record 3: seq is 4 where 3 was expected: a record before it was removed, or records were reordered"))
        #expect(try run.verify(Array(lines.dropFirst())) == (1, "ledger FILE: record 1: seq is 2 where 1 was expected: a record before it was removed, or records were reordered"))

        // removed at the end: the shorter chain is intact in itself; the count the run displays
        // (tradeCount) finds it
        let count = Int(try #require(run.scalar("tradeCount")))
        #expect(count == lines.count)
        let cut = Array(lines.dropLast())
        #expect(try run.verify(cut) == (0, "ledger FILE: \(count - 1) records, intact"))
        #expect(try run.verify(cut, ["--records", "\(count)"])
                == (1, "ledger FILE: \(count - 1) records where \(count) were expected: records were removed from the end"))
        #expect(try run.verify(lines, ["--records", "\(count)"]) == (0, "ledger FILE: \(count) records, intact"))

        // reordered: records 2 and 3 swapped
        var reordered = lines
        reordered.swapAt(1, 2)
        #expect(try run.verify(reordered) == (1, "ledger FILE: record 2: seq is 3 where 2 was expected: a record before it was removed, or records were reordered"))

        // a forged record: record 2 rewritten with the next seq numbers renumbered would need
        // every later hash recomputed; renumbering alone breaks the chain at the renumbered record
        var renumbered = lines
        renumbered.remove(at: 1)
        renumbered[1] = renumbered[1].replacingOccurrences(of: "{\"seq\":3,", with: "{\"seq\":2,")
        #expect(try run.verify(renumbered) == (1, "ledger FILE: record 2: edited: its content does not match its hash"))
    }

    @Test("the playback page: moving the step slider shows that step's trades from the log",
          .enabled(if: seleniumPython != nil && chromeDriver != nil,
                   "no Python with selenium (ENM_SELENIUM_PYTHON or .build/selenium-venv; scripts/test.sh installs it) or no chromedriver"))
    func sliderPlaysBack() throws {
        let run = try TradingRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        var byStep: [Int: [(seller: String, buyer: String, kWh: Double)]] = [:]
        for line in try run.logLines() {
            let r = try record(line)
            let step = try #require((r["step"] as? NSNumber)?.intValue)
            byStep[step, default: []].append((try #require(r["seller"] as? String), try #require(r["buyer"] as? String),
                                              try #require((r["kWh"] as? NSNumber)?.doubleValue)))
        }
        let busiest = try #require(byStep.max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }).key
        let first = try #require(byStep.keys.min())
        // forward to the first trading step, on to the busiest, back to the first step (no trades)
        let steps = [first, max(busiest, first), 1]
        #expect(byStep[1] == nil, "step 1 (night) should have no P2P trades")

        let script = run.folder.appendingPathComponent("slider.py")
        try sliderScript.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(seleniumPython))
        p.arguments = [script.path, try #require(chromeDriver), run.folder.appendingPathComponent("trading.html").path]
            + steps.map(String.init)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "the selenium script failed: \(errText)")
        let page = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        // the comparison charts: a bar per strategy and quantity, the wallets of every household
        #expect((page["bars"] as? NSNumber)?.intValue == 4 * 7, "grouped bars: \(page)")
        #expect((page["walletLines"] as? NSNumber)?.intValue == 5)
        #expect((page["walletLinesBaseline"] as? NSNumber)?.intValue == 5)
        #expect(page["walletEndOptimized"] as? String != page["walletEndBaseline"] as? String,
                "picking another strategy redraws the wallets")

        let shown = try #require(page["steps"] as? [[String: Any]])
        try #require(shown.count == steps.count)
        for (step, view) in zip(steps, shown) {
            let trades = byStep[step] ?? []
            #expect((view["slider"] as? String) == String(step))
            #expect((view["label"] as? String)?.hasPrefix("step \(step) of 48 ") == true, "label: \(view)")
            #expect((view["label"] as? String)?.hasSuffix(", \(trades.count) P2P trades") == true, "label: \(view)")
            #expect((view["arrows"] as? NSNumber)?.intValue == trades.count, "P2P arrows at step \(step): \(view)")
            let items = (view["items"] as? [String] ?? []).sorted()
            #expect(items.count == trades.count, "listed P2P flows at step \(step): \(items)")
            for (item, trade) in zip(items, trades.sorted { "\($0.seller) -> \($0.buyer)" < "\($1.seller) -> \($1.buyer)" }) {
                #expect(item.hasPrefix("\(trade.seller) -> \(trade.buyer): "), "\(item) vs \(trade)")
                let number = item.split(separator: " ").dropLast().last.flatMap { Double($0) }
                #expect(abs((number ?? -1) - trade.kWh) <= 0.0015, "\(item) vs \(trade.kWh) kWh")
            }
        }
    }
}

/// Numbers as the trade log writes them (the shortest form that reads back; integral values
/// without a fraction).
private enum JSONValueText {
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e16 ? String(Int64(v)) : "\(v)"
    }
}

/// Opens the page in headless Chromium, moves the slider with the arrow keys to each step given
/// and prints what the page shows as JSON.
private let sliderScript = #"""
import json, sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

driver_path, page, *steps = sys.argv[1:]
options = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,2000"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service(driver_path), options=options)
try:
    driver.get("file://" + page)
    result = {
        "bars": len(driver.find_elements(By.CSS_SELECTOR, "svg.grouped rect[data-key]")),
        "walletLines": len(driver.find_elements(By.CSS_SELECTOR, "#wallets polyline.wallet")),
        "walletEndOptimized": driver.find_element(By.CSS_SELECTOR, "#wallets").text,
    }
    Select(driver.find_element(By.ID, "walletStrategy")).select_by_value("baseline")
    result["walletLinesBaseline"] = len(driver.find_elements(By.CSS_SELECTOR, "#wallets polyline.wallet"))
    result["walletEndBaseline"] = driver.find_element(By.CSS_SELECTOR, "#wallets").text
    slider = driver.find_element(By.ID, "step")
    shown = []
    for target in map(int, steps):
        now = int(slider.get_attribute("value"))
        key = Keys.ARROW_RIGHT if target > now else Keys.ARROW_LEFT
        for _ in range(abs(target - now)):
            slider.send_keys(key)
        shown.append({
            "slider": slider.get_attribute("value"),
            "label": driver.find_element(By.ID, "stepLabel").text,
            "arrows": len(driver.find_elements(By.CSS_SELECTOR, "#network line.flow.p2p")),
            "items": [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#flows li.p2p")],
        })
    result["steps"] = shown
    print(json.dumps(result))
finally:
    driver.quit()
"""#
