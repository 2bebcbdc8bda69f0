#!/usr/bin/env python3
"""Mutation fuzzing of enm: mutated bundled models and test-corpus files through check, solve,
export and tex. A run fails when enm dies on a signal, hangs past the time limit, prints invalid
JSON with --json, or reports an error without a file and line. Deterministic for a seed: the
same seed and input files give the same mutants in the same order.

  python3 scripts/fuzz.py --enm .build/release/enm --seed 1 --seconds 150

Inputs that fail are copied to --crash-dir (one .gms file per finding with a .txt note); the
files kept in Tests/LanguageTests/FuzzCorpus are replayed first, every time (regression tests).
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_DIRS = ["models", "examples", "Tests/LanguageTests/GamsCorpus", "Tests/LanguageTests/Corpus",
             "Tests/LanguageTests/NLP", "Tests/LanguageTests/Models", "Tests/LanguageTests/Tex"]
CORPUS_DIR = os.path.join(ROOT, "Tests/LanguageTests/FuzzCorpus")
MODES = ["check", "solve", "export", "tex"]
# Tokens that stress the parser, the dollar control and the evaluator when spliced in.
TOKENS = ["(", ")", "((((", "))))", "sum(", "$", "$include", "$onRecurse", "$offText", "$onText",
          "/", ";", "..", "=e=", "=l=", "**", "1e999", "-1e400", "10**400", "0/0", "inf", "-inf",
          "eps", "na", "undf", "'", '"', ",", ".", "*", "+", "-", "--", "++", "\t", "\x00", "\x1b[2J",
          "\ufeff", "\u00e9", "yes", "no", "loop(", "if(", "while(", "display", "solve", "using",
          "lp", "nlp", "mip", "minimizing", "Set", "Parameter", "Table", "Variable", "Equation",
          "Model", "/all/", "alias", "ord(", "card(", "smax(", "sqrt(", "log(", "exp(", "1e-310",
          "1e20", "-0", "00000000000000000000000001", "%system.date%", "%x%", "$set x", "$if",
          "$eval", "$onDelim", "$offDelim", "$ondelim\n", "\n", "\n\n;", "$batInclude"]


def seed_files():
    """Every model file under the seed folders, sorted so a seed gives the same order."""
    found = []
    for d in SEED_DIRS:
        for base, _, names in os.walk(os.path.join(ROOT, d)):
            for n in names:
                if n.endswith((".gms", ".enm")):
                    found.append(os.path.join(base, n))
    return sorted(found)


def mutate(text, rng):
    """One to four random edits of `text`: deletions, duplications, spliced tokens, line swaps,
    truncation, deep nesting and long flat chains."""
    data = text
    for _ in range(rng.randint(1, 4)):
        n = len(data)
        pick = rng.random()
        at = rng.randint(0, n) if n else 0
        if pick < 0.2 and n:
            end = min(n, at + rng.randint(1, 40))
            data = data[:at] + data[end:]
        elif pick < 0.35 and n:
            end = min(n, at + rng.randint(1, 200))
            data = data[:end] + data[at:end] * rng.randint(1, 3) + data[end:]
        elif pick < 0.65:
            data = data[:at] + rng.choice(TOKENS) + data[at:]
        elif pick < 0.75:
            lines = data.split("\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            data = "\n".join(lines)
        elif pick < 0.8:
            data = data[:at]
        elif pick < 0.88:
            depth = rng.choice([10, 100, 1000, 5000])
            data = data[:at] + "(" * depth + "1" + ")" * depth + data[at:]
        elif pick < 0.94:
            terms = rng.choice([100, 1000, 20000])
            data = data[:at] + "+".join(["1"] * terms) + data[at:]
        elif n:
            c = chr(rng.choice([0, 1, 7, 8, 27, 127, 0xfeff, 0x2028, rng.randint(32, 126)]))
            data = data[:at] + c + data[at + 1:]
    return data


def unlocated_errors(diagnostics):
    """Errors of a --json object that name no file or line."""
    return [d for d in diagnostics
            if d.get("severity") == "error" and (not d.get("file") or not d.get("line"))]


def command(enm, mode, model, work):
    if mode == "check":
        return [enm, "check", model, "--json"]
    if mode == "solve":
        return [enm, "solve", model, "--json", "--no-iis", "--out", os.path.join(work, "out")]
    if mode == "export":
        return [enm, "export", model, "--format", "lp", "--output", os.path.join(work, "model.lp")]
    return [enm, "tex", model, "--output", os.path.join(work, "model.tex")]


def judge(mode, proc_code, stdout, stderr, timed_out):
    """What is wrong with one run, or None."""
    if timed_out:
        return "hang (time limit)"
    if proc_code < 0:
        return "signal %d (%s)" % (-proc_code, signal.Signals(-proc_code).name)
    if proc_code not in (0, 1, 2, 3, 4, 5):
        return "exit code %d" % proc_code
    if mode in ("check", "solve"):
        try:
            obj = json.loads(stdout)
        except ValueError as e:
            return "invalid JSON on stdout: %s" % e
        if not isinstance(obj, dict) or set(obj) < {"solves", "displays", "diagnostics", "exitCode"}:
            return "JSON object without the contract's keys"
        bad = unlocated_errors(obj["diagnostics"])
        if bad:
            return "unlocated error %s: %s" % (bad[0].get("code"), bad[0].get("message"))
    else:
        lines = stderr.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("error[") and proc_code != 5:
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if "-->" not in following:
                    return "unlocated error: %s" % line
    return None


def run_one(enm, mode, model, work, limit):
    """The verdict on one run. A run past the limit is run once more with three times the
    limit before it counts as a hang: on a loaded machine (builds, benchmarks beside the fuzzer)
    bundled models that take 10 s took 25."""
    cmd = command(enm, mode, model, work)
    for allowed in (limit, 3 * limit):
        try:
            p = subprocess.run(cmd, cwd=os.path.dirname(model), capture_output=True, timeout=allowed)
            return judge(mode, p.returncode, p.stdout.decode("utf-8", "replace"),
                         p.stderr.decode("utf-8", "replace"), False)
        except subprocess.TimeoutExpired:
            pass
    return judge(mode, 0, "", "", True)


def prepare(seed_path, work):
    """A copy of the seed's folder (its includes and data files) to mutate in."""
    folder = os.path.join(work, "src")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    source = os.path.dirname(seed_path)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.lp", "*.mps", "*.tex", "out*"))
    return folder


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--enm", default=os.path.join(ROOT, ".build/release/enm"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=150)
    ap.add_argument("--limit", type=float, default=20, help="seconds one run may take before it counts as a hang")
    ap.add_argument("--crash-dir", default=os.path.join(ROOT, ".build/fuzz-findings"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    enm = os.path.abspath(args.enm)
    os.makedirs(args.crash_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="enm-fuzz-")
    findings, runs, inputs = 0, 0, 0
    start = time.time()
    try:
        # the kept crash corpus first: each must now end cleanly in every mode
        replay = sorted(os.path.join(CORPUS_DIR, n) for n in os.listdir(CORPUS_DIR)
                        if n.endswith(".gms")) if os.path.isdir(CORPUS_DIR) else []
        for path in replay:
            folder = prepare(path, work)
            target = os.path.join(folder, os.path.basename(path))
            for mode in MODES:
                runs += 1
                verdict = run_one(enm, mode, target, work, args.limit)
                if verdict:
                    findings += 1
                    print("REGRESSION %s %s: %s" % (os.path.relpath(path, ROOT), mode, verdict), flush=True)
        seeds = seed_files()
        while time.time() - start < args.seconds:
            seed_path = rng.choice(seeds)
            with open(seed_path, encoding="utf-8", errors="replace") as f:
                original = f.read()
            mutant = mutate(original, rng)
            modes = rng.sample(MODES, 2)
            folder = prepare(seed_path, work)
            target = os.path.join(folder, os.path.basename(seed_path))
            with open(target, "w", encoding="utf-8", errors="surrogatepass") as f:
                f.write(mutant)
            inputs += 1
            for mode in modes:
                runs += 1
                verdict = run_one(enm, mode, target, work, args.limit)
                if verdict:
                    findings += 1
                    name = "finding-%d-%d-%s" % (args.seed, inputs, mode)
                    shutil.copy(target, os.path.join(args.crash_dir, name + ".gms"))
                    with open(os.path.join(args.crash_dir, name + ".txt"), "w") as f:
                        f.write("%s\nseed file: %s\nmode: %s\n" % (verdict, os.path.relpath(seed_path, ROOT), mode))
                    print("FINDING %s (%s, %s): %s" % (name, os.path.relpath(seed_path, ROOT), mode, verdict), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("fuzz: seed %d, %d mutated inputs, %d runs, %d replayed corpus files, %d findings, %.0f s"
          % (args.seed, inputs, runs, len(replay), findings, time.time() - start))
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
