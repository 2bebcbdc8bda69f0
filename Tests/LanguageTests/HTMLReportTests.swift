import Driver
import Foundation
import Testing

/// `enm solve --report FILE`: one self-contained HTML page with the solve summaries, every display
/// as a table and charts over ordered sets; rendered in headless Chromium when it is installed.
@Suite struct HTMLReportTests {
    static let model = """
    Set t 'hours' / h1*h6 /, b 'batteries' / small, large /;
    Parameter price(t) 'price <EUR/MWh>' / h1 30, h2 25, h3 40, h4 55, h5 35, h6 20 /;
    Parameter cap(b) / small 2, large 5 /;
    Positive Variable soc(b,t) 'state of charge', ch(b,t), dis(b,t);
    Variable profit;
    Equations defsoc(b,t), obj;
    defsoc(b,t).. soc(b,t) =e= soc(b,t-1) + 0.9*ch(b,t) - dis(b,t)/0.9;
    obj.. profit =e= sum((b,t), price(t)*(dis(b,t) - ch(b,t)));
    soc.up(b,t) = cap(b); ch.up(b,t) = 1; dis.up(b,t) = 1;
    Model m / all /;
    Solve m using lp maximizing profit;
    Scalar total 'total profit';
    total = profit.l;
    display price, soc.l, total, 'done & dusted';
    """

    func report() -> (RunResult, String) {
        let run = runSource(Self.model)
        return (run.result, HTMLReport.render(run.result, title: "battery <demo>"))
    }

    @Test func pageHasSummaryTablesAndCharts() {
        let (_, html) = report()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>battery &lt;demo&gt;</title>"))
        // the solve summary
        #expect(html.contains("<td>m</td><td>lp</td><td>glpk</td><td>1 Optimal</td>"))
        // hours are time: a line for the price, a line per battery for the state of charge
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("aria-label=\"chart of price over t\""))
        #expect(html.contains("aria-label=\"chart of soc.l over t\" id=\"chart1\" data-kind=\"lines\" data-x=\"t\" data-series-count=\"2\""))
        #expect(html.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(html.contains(">small</text>") && html.contains(">large</text>"))
        // tables: price as a list, soc.l with the hours across
        #expect(html.contains("<h2>price(t) — price &lt;EUR/MWh&gt;</h2>"))
        #expect(html.contains("<tr><th></th><th>h1</th><th>h2</th>"))
        // the scalar and the text
        #expect(html.contains("<h2>Scalars (display at line 14)</h2>"))
        #expect(html.contains("<tr><th>total</th><td class=\"n\">"))
        #expect(html.contains("<td>total profit</td>"))
        #expect(html.contains("<em>done &amp; dusted</em>"))
    }

    /// A positive series over more than three decades (a convergence history) is drawn on a log
    /// scale with its last value written at the line's end (the axis gives it to a digit at
    /// best); a run with many solves gets one summary row per solve statement.
    @Test func convergenceHistoriesUseALogScaleAndLoopsAreSummarized() {
        let run = runSource("""
        Set k / k1*k20 /;
        Parameter res(k) 'residual';
        res(k) = rPower(10, -ord(k)/3);
        Variable z; Equation e; e.. z =e= 1;
        Model m / e /;
        loop(k, solve m using lp minimizing z);
        display res;
        """)
        let html = HTMLReport.render(run.result, title: "t")
        #expect(html.contains(">log scale</text>"))
        // 10^(-20/3), to four significant digits
        #expect(html.contains("data-series=\"res\"") && html.contains(">2.154e-07</text>"))
        #expect(html.components(separatedBy: "class=\"value end\"").count - 1 == 1)
        #expect(html.contains("20 solves, one row per solve statement"))
        #expect(html.contains("20× 1 Optimal"))
    }

    /// The x axis follows the set's order even when the first series lacks its first labels.
    @Test func chartAxisFollowsTheSetOrder() {
        let run = runSource("""
        Sets s / a, b /, t / t1*t6 /;
        Parameter p(s,t) / a.t2 1, a.t3 2, b.t1 3 /;
        display p;
        """)
        let html = HTMLReport.render(run.result, title: "t")
        let labels = html.components(separatedBy: "text-anchor=\"middle\">").dropFirst().map { $0.prefix(2) }
        #expect(labels.prefix(3) == ["t1", "t2", "t3"])
    }

    @Test func pageIsSelfContained() {
        let (_, html) = report()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        let urls = html.components(separatedBy: "http").count - 1
        let svgNamespaces = html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(urls == svgNamespaces)
    }

    @Test func writtenAtomicallyAndFailureIsReported() throws {
        let (result, _) = report()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.html").path
        #expect(HTMLReport.write(result, to: path, title: "t").isEmpty)
        #expect(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self).hasSuffix("</html>\n") } == true)
        let bad = HTMLReport.write(result, to: dir.appendingPathComponent("missing/r.html").path, title: "t")
        #expect(bad.map(\.code) == ["E6001"])
    }

    /// Headless Chromium parses the page (its DOM has both charts) and renders it to a PNG.
    @Test func rendersInHeadlessChromium() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let chromium else {
            print("skipped: Chromium is not installed (apt-get install chromium)")
            try Test.cancel("Chromium is not installed")
        }
        let (result, _) = report()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html").path, png = dir.appendingPathComponent("report.png").path
        #expect(HTMLReport.write(result, to: page, title: "battery").isEmpty)
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path)/profile"]
        let dom = try runProgram(chromium, common + ["--dump-dom", "file://\(page)"]).out
        #expect(dom.components(separatedBy: "<svg").count - 1 == 2)
        _ = try runProgram(chromium, common + ["--window-size=1000,1600", "--screenshot=\(png)", "file://\(page)"])
        let bytes = [UInt8](FileManager.default.contents(atPath: png) ?? Data())
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "no PNG written")
        #expect(bytes.count > 10_000)
    }
}
