"""GAMS's own GDX library (PyPI: gamsapi, gams-gdxgmd) as the reference for enm's GDX tests.

  python gdx_reference.py read FILE           prints the file's contents as JSON
  python gdx_reference.py write FILE [compress] writes a fixed file with every symbol kind
"""
import json
import sys

import gams_gdxgmd
from gams.core import gdx as g

SPECIALS = {g.GMS_SV_UNDEF: "UNDF", g.GMS_SV_NA: "NA", g.GMS_SV_PINF: "+INF",
            g.GMS_SV_MINF: "-INF", g.GMS_SV_EPS: "EPS"}
KINDS = {g.GMS_DT_SET: "set", g.GMS_DT_PAR: "parameter", g.GMS_DT_VAR: "variable",
         g.GMS_DT_EQU: "equation", g.GMS_DT_ALIAS: "alias"}


def handle():
    h = g.new_gdxHandle_tp()
    ok, msg = g.gdxCreateD(h, gams_gdxgmd.directory, g.GMS_SSSIZE)
    if not ok:
        sys.exit("cannot load the GDX library: " + msg)
    return h


def value(x):
    return SPECIALS.get(x, x)


def read(path):
    h = handle()
    ok, err = g.gdxOpenRead(h, path)
    if not ok:
        sys.exit("gdxOpenRead failed: %d" % err)
    _, producer = g.gdxFileVersion(h)[1:]
    _, nsym, nuel = g.gdxSystemInfo(h)
    out = {"producer": producer, "uels": [g.gdxUMUelGet(h, k)[1] for k in range(1, nuel + 1)], "symbols": []}
    for n in range(1, nsym + 1):
        _, name, dim, typ = g.gdxSymbolInfo(h, n)
        _, count, user, text = g.gdxSymbolInfoX(h, n)
        rc, domain = g.gdxSymbolGetDomainX(h, n)
        sym = {"name": name, "kind": KINDS[typ], "dim": dim, "user": user, "text": text,
               "domain": list(domain[:dim]), "domainKind": rc, "records": []}
        if typ != g.GMS_DT_ALIAS:
            _, nrec = g.gdxDataReadStrStart(h, n)
            for _ in range(nrec):
                _, keys, vals, _ = g.gdxDataReadStr(h)
                rec = {"keys": list(keys[:dim]), "values": [value(v) for v in vals[:5 if typ in (2, 3) else 1]]}
                if typ == g.GMS_DT_SET and vals[0] != 0:
                    rec["text"] = g.gdxGetElemText(h, int(vals[0]))[1]
                sym["records"].append(rec)
            g.gdxDataReadDone(h)
        out["symbols"].append(sym)
    g.gdxClose(h)
    print(json.dumps(out))


def put(h, name, text, dim, typ, user, domain, records):
    g.gdxDataWriteStrStart(h, name, text, dim, typ, user)
    if domain:
        g.gdxSymbolSetDomain(h, domain)
    v = g.doubleArray(5)
    for keys, vals in records:
        for k, x in enumerate(vals):
            v[k] = x
        g.gdxDataWriteStr(h, keys, v)
    g.gdxDataWriteDone(h)


def write(path, compress):
    h = handle()
    ok, err = g.gdxOpenWriteEx(h, path, "reference writer", 1 if compress else 0)
    if not ok:
        sys.exit("gdxOpenWrite failed: %d" % err)
    g.gdxAutoConvert(h, 0)
    put(h, "i", "plants", 1, g.GMS_DT_SET, 0, None, [(["seattle"], [0]), (["san-diego"], [0])])
    _, t = g.gdxAddSetText(h, "the big one")
    put(h, "j", "markets", 1, g.GMS_DT_SET, 0, None, [(["new-york"], [t]), (["chicago"], [0]), (["topeka"], [0])])
    g.gdxAddAlias(h, "j", "jj")
    put(h, "d", "distance", 2, g.GMS_DT_PAR, 0, ["i", "j"],
        [(["seattle", "new-york"], [2.5]), (["seattle", "chicago"], [g.GMS_SV_EPS]),
         (["san-diego", "topeka"], [g.GMS_SV_PINF]), (["san-diego", "new-york"], [g.GMS_SV_NA]),
         (["seattle", "topeka"], [-1.25e-7])])
    put(h, "f", "freight", 0, g.GMS_DT_PAR, 0, None, [([], [90])])
    put(h, "x", "shipments", 2, g.GMS_DT_VAR, g.GMS_VARTYPE_POSITIVE, ["i", "j"],
        [(["seattle", "chicago"], [300, 0, 0, g.GMS_SV_PINF, 1]),
         (["san-diego", "topeka"], [275, g.GMS_SV_EPS, 0, 1000, 1])])
    put(h, "supply", "capacity", 1, g.GMS_DT_EQU, g.GMS_EQU_USERINFO_BASE + g.GMS_EQUTYPE_L, ["i"],
        [(["seattle"], [350, 0.5, g.GMS_SV_MINF, 350, 1])])
    put(h, "z", "cost", 0, g.GMS_DT_VAR, g.GMS_VARTYPE_FREE, None,
        [([], [153.675, 0, g.GMS_SV_MINF, g.GMS_SV_PINF, 1])])
    if g.gdxClose(h) != 0:
        sys.exit("gdxClose failed")


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        write(sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == "compress")
