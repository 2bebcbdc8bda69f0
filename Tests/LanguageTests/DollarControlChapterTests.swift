import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 6. Dollar control

@Suite struct DollarControlTests {
    @Test func titleOnTextOffTextAndStarComments() {
        let run = runSource("""
        $title A test model
        $stitle a subtitle
        $onText
        Scalar notParsed / 1 /; this is not GAMS code at all ;;; //
        $offText
        * a comment line in column 1
        *Scalar alsoNotParsed;
        Scalar s / 2 /;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 2)
        #expect(run.records("notParsed").isEmpty)
    }

    @Test func eolComments() {
        let run = runSource("""
        $eolCom //
        Scalar s / 1 /;  // a comment; with s = 5;
        s = s + 1; // another
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 2)
    }

    @Test func onEolComUsesDoubleExclamation() {
        let run = runSource("""
        $onEolCom
        Scalar s / 1 /;  !! s = 5;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 1)
    }

    @Test func setAndSubstitution() {
        let run = runSource("""
        $set n 4
        $setGlobal label t2
        Set t / t1*t%n% /;
        Scalars c, o;
        c = card(t);
        o = sum(t$sameAs(t,"%label%"), ord(t));
        display c, o;
        """)
        expectClean(run)
        #expect(displayed(run, "c") == 4)
        #expect(displayed(run, "o") == 2)
    }

    @Test func ifNotSetGivesADefault() {
        let source = """
        $if not set n $set n 50
        Scalar s / %n% /;
        display s;
        """
        let plain = runSource(source)
        expectClean(plain)
        #expect(displayed(plain, "s") == 50)
        let cmd = runSource(source, defines: ["n": "80"])
        expectClean(cmd)
        #expect(displayed(cmd, "s") == 80)
    }

    @Test func ifSet() {
        let source = """
        Scalar s / 1 /;
        $if set big s = 100;
        display s;
        """
        #expect(displayed(runSource(source), "s") == 1)
        #expect(displayed(runSource(source, defines: ["big": "1"]), "s") == 100)
    }

    @Test func includeChosenFromTheCommandLine() {
        let files = [
            "model.gms": """
            $if not set scenario $set scenario base
            Scalar demand;
            $include %scenario%.inc
            display demand;
            """,
            "base.inc": "demand = 10;\n",
            "high.inc": "demand = 25;\n",
        ]
        let base = runFiles(files, main: "model.gms")
        expectClean(base)
        #expect(displayed(base, "demand") == 10)
        let high = runFiles(files, main: "model.gms", defines: ["scenario": "high"])
        expectClean(high)
        #expect(displayed(high, "demand") == 25)
    }

    @Test func exitStopsReading() {
        let run = runSource("""
        Scalar s / 1 /;
        display s;
        $exit
        this is not GAMS and must not be read ;;;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 1)
    }

    @Test func layoutOnlyOptionsAreIgnored() {
        let run = runSource("""
        $double
        $stitle A subtitle
        $single
        Scalar s / 3 /;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 3)
    }

    @Test func includeFromIncludedFileDirectory() {
        let run = runFiles([
            "main.gms": """
            Scalar a / 1 /;
            $include part.gms
            display a, b;
            """,
            "part.gms": "Scalar b / 2 /;\n",
        ], main: "main.gms")
        expectClean(run)
        #expect(displayed(run, "a") == 1)
        #expect(displayed(run, "b") == 2)
    }

    @Test func enmExtensionIsAccepted() {
        let run = runSource("""
        Scalar s / 4 /;
        display s;
        """, name: "model.enm")
        expectClean(run)
        #expect(displayed(run, "s") == 4)
    }

    @Test func substitutionInsideQuotedText() {
        let run = runSource("""
        $set n 5
        $set who my model
        display 'n is %n% in %who%';
        """)
        expectClean(run)
        #expect(run.output.contains("n is 5 in my model"))
    }
}
