import Diagnostics
import Foundation
import Testing

/// The one writer of every file enm writes: regular files are replaced whole; links, devices
/// and folders are not replaced by a file of their own.
@Suite struct AtomicFileTests {
    private func scratch() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-atomic-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private func type(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test func replacesARegularFileWhole() throws {
        let path = scratch() + "/out.txt"
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    /// As root, renaming a temporary file over `/dev/null` would replace the device with a
    /// regular file (an earlier version did, breaking every later `> /dev/null` on the machine).
    @Test func writesIntoADeviceWithoutReplacingIt() throws {
        try AtomicFile.write(Array("discarded".utf8), to: "/dev/null")
        #expect(type("/dev/null") == .typeCharacterSpecial)
        #expect(!FileManager.default.fileExists(atPath: AtomicFile.temporaryPath(for: "/dev/null")))
    }

    @Test func writesThroughASymbolicLink() throws {
        let dir = scratch()
        try AtomicFile.write(Array("old".utf8), to: dir + "/target.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: "target.txt")
        try AtomicFile.write(Array("new".utf8), to: dir + "/link.txt")
        #expect(type(dir + "/link.txt") == .typeSymbolicLink)
        #expect(try String(contentsOfFile: dir + "/target.txt", encoding: .utf8) == "new")
    }

    @Test func refusesAFolder() throws {
        let dir = scratch()
        let failure = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([], to: dir) }
        #expect(failure?.reason == String(cString: strerror(EISDIR)))
        #expect(type(dir) == .typeDirectory)
    }
}
