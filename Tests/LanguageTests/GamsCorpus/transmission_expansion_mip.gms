$title Transmission expansion: build a candidate line or run the expensive generator (MIP)
*  Transport-model network (no loop-flow law): cheap generation at n1 (10), dear at n2
*  (40), load at n2 (120) and n3 (60), a candidate second n1-n2 line of 60 MW costs 900.
*  Verified with glpsol (same MIP in MathProg) and by hand: the line saves 60*(40-10) = 1800
*  for 900, so it is built; n1 then exports 50 + 60 + 40 = 150, n2 makes the other 30:
*  1500 + 1200 + 900 = 3600.
*! solve 1 status 1 objective 3600
*! build.l(c12) = 1
*! f.l(c12) = 60
*! f.l(l23) = 20
*! g.l(n2) = 30
*! g.l(n1) = 150
*! nBuilt = 1
Sets b 'buses' / n1*n3 /
     l 'lines' / l12, l13, l23, c12 /
     cand(l) 'candidate lines' / c12 /
     ends(l,b,b) 'line from bus to bus' / (l12,c12).n1.n2, l13.n1.n3, l23.n2.n3 /;
Alias (b,bb);
Parameters cap(l)  'MW'          / l12 50, l13 40, l23 30, c12 60 /
           ic(l)   'build cost'  / c12 900 /
           gcap(b) / n1 300, n2 100 /
           gc(b)   / n1 10,  n2 40 /
           load(b) / n2 120, n3 60 /;
Scalars voll 'value of lost load' / 1000 /, nBuilt;
Positive Variables g(b), shed(b);
Variables f(l), cost;
Binary Variable build(l);
Equations bal(b), upper(l), lower(l), defCost;
bal(b)..   g(b) + shed(b) - sum(ends(l,b,bb), f(l)) + sum(ends(l,bb,b), f(l)) =e= load(b);
upper(l).. f(l) =l= cap(l)*(1$(not cand(l)) + build(l)$cand(l));
lower(l).. f(l) =g= -cap(l)*(1$(not cand(l)) + build(l)$cand(l));
defCost..  cost =e= sum(b, gc(b)*g(b) + voll*shed(b)) + sum(cand, ic(cand)*build(cand));
g.up(b) = gcap(b);
shed.up(b) = load(b);
build.fx(l)$(not cand(l)) = 0;
Model tep / all /;
option optCr = 0;
solve tep using mip minimizing cost;
nBuilt = sum(cand, build.l(cand));
display build.l, f.l, g.l, nBuilt;
