import Diagnostics

extension Parser {
    /// Reports E0071 when a number token overflows a double (`1e999`): GAMS reports such a
    /// number as an overflow instead of reading it as infinity (write `inf` for that).
    func checkNumberRange(_ t: Token) {
        guard t.kind == .number, !t.value.isFinite else { return }
        diagnostics.error(.E0071, "number '\(t.text)' is too large (overflow)", at: span(t),
                          label: "beyond 1.8e308", help: ["write 'inf' for an infinite value"])
    }
}
