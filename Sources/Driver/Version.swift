/// enm's version, the one place it is written (`enm --version`, the manual page).
public enum EnmVersion {
    /// The release, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
