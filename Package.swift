// swift-tools-version:6.0
import PackageDescription

// The interpreter and the generator keep their state in classes; Swift's run-time exclusivity
// checks on every access to it cost a quarter of generation's instructions (callgrind, community
// T=96: 159M with this flag, 220M without; T=672 best wall 0.103 s against 0.142 s).
// The static checks stay on; only the dynamic ones are left out of optimised builds.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "enm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "enm", targets: ["enm"]),
        .library(name: "Driver", targets: ["Driver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .systemLibrary(name: "CIpopt", path: "Sources/CIpopt"),
        .systemLibrary(name: "CCoin", path: "Sources/CCoin"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Siconos numerics' complementarity solver behind a narrow C interface (its headers need
        // their own include folders, which no Swift target should see)
        .target(name: "CSiconosShim", path: "Sources/CSiconosShim",
                cSettings: [.unsafeFlags(["-I/usr/include/siconos", "-I/usr/include/siconos/numerics"])],
                linkerSettings: [.linkedLibrary("siconos_numerics")]),
        // Bonmin's API is C++ only: a small C++ target gives the Solvers target a C face of it
        .target(name: "CBonminShim", path: "Sources/CBonminShim",
                cxxSettings: [.unsafeFlags(["-I/usr/include/coin", "-DHAVE_CSTDDEF", "-DHAVE_CMATH", "-DHAVE_CSTDIO", "-DHAVE_CSTRING", "-DHAVE_CSTDLIB", "-DHAVE_CFLOAT", "-DHAVE_CASSERT", "-DHAVE_CTIME", "-DHAVE_CSTDARG", "-DHAVE_CCTYPE", "-w"])],
                linkerSettings: [.linkedLibrary("bonmin"), .linkedLibrary("ipopt"), .linkedLibrary("Cbc"),
                                 .linkedLibrary("Osi"), .linkedLibrary("CoinUtils"), .linkedLibrary("stdc++")]),
        // CLP's iteration messages for the progress line, without CLP printing them; CBC's
        // simplex iterations, which its C interface does not count
        .target(name: "CClpShim", path: "Sources/CClpShim",
                cxxSettings: [.unsafeFlags(["-I/usr/include/coin", "-w"])],
                linkerSettings: [.linkedLibrary("Clp"), .linkedLibrary("OsiClp"), .linkedLibrary("CoinUtils"),
                                 .linkedLibrary("stdc++")]),
        .target(name: "Diagnostics"),
        .target(name: "Syntax", dependencies: ["Diagnostics", "IR"], swiftSettings: fast),
        .target(name: "IR", dependencies: ["Diagnostics"], swiftSettings: fast),
        .target(name: "Semantics", dependencies: ["Syntax", "IR", "GDX", "GDXBridge"], swiftSettings: fast),
        .target(name: "Execution", dependencies: ["Semantics", "IR", "Derivatives", "GDX", "GDXBridge"], swiftSettings: fast),
        .target(name: "Derivatives", dependencies: ["IR"], swiftSettings: fast),
        .target(name: "Solvers", dependencies: ["Diagnostics", "IR", "Derivatives", "CGLPK", "CIpopt", "CCoin", "CBonminShim", "CSiconosShim", "CClpShim"]),
        // process-wide memory measures for large runs (helper threads faulting in pages, malloc
        // tuning): the executable installs them as IR's MemoryHooks; no library target imports it
        .target(name: "Platform", dependencies: ["IR", "CMalloc"]),
        .target(name: "Report", dependencies: ["IR"]),
        .target(name: "Formats", dependencies: ["Diagnostics", "IR"]),
        .target(name: "GDX", dependencies: ["Diagnostics", "CZlib"]),
        .target(name: "GDXBridge", dependencies: ["Diagnostics", "IR", "GDX"]),
        .target(name: "Driver", dependencies: ["Diagnostics", "Syntax", "IR", "Semantics", "Execution", "Solvers", "Report", "Formats", "GDX", "GDXBridge"]),
        .executableTarget(name: "enm", dependencies: [
            "Driver", "Formats", "Platform", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // the raw GLPK load of a generated model's matrix: the limit generation is measured against
        .executableTarget(name: "enm-load-limit", dependencies: ["Driver", "IR", "CGLPK", "Solvers", "Platform"], path: "benchmarks/loadlimit"),
        // marked source text and expected diagnostics, shared by the syntax and semantics tests
        .target(name: "DiagnosticMarkers", dependencies: ["Diagnostics"], path: "Tests/DiagnosticMarkers"),
        // the front end's tests stop before execution: preprocess and parse, then compile
        .testTarget(name: "SyntaxTests", dependencies: ["Syntax", "Diagnostics", "DiagnosticMarkers"]),
        .testTarget(name: "SemanticsTests", dependencies: ["Semantics", "Syntax", "Diagnostics", "IR", "DiagnosticMarkers"]),
        .testTarget(name: "DerivativesTests", dependencies: ["Derivatives", "IR"]),
        .testTarget(name: "MemoryTests", dependencies: ["Platform", "IR"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "IR", "Formats", "CCoin"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Semantics", "Syntax", "Diagnostics", "IR"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "IR"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "IR", "Driver", "Execution", "Solvers", "CGLPK"]),
        .testTarget(name: "LanguageTests", dependencies: ["Driver", "Diagnostics", "Syntax", "Execution", "IR"],
                    exclude: ["Models", "Corpus", "NLP", "Tex", "GamsTables", "GamsCorpus", "FuzzCorpus"]),
        .testTarget(name: "ModelLibraryTests"),
        .testTarget(name: "GDXTests", dependencies: ["GDX", "Driver"], exclude: ["gdx_reference.py"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "Driver", "IR"]),
        .testTarget(name: "GDXBridgeTests", dependencies: ["GDXBridge", "GDX", "IR", "Driver", "Semantics"]),
    ],
    swiftLanguageModes: [.v5]
)
