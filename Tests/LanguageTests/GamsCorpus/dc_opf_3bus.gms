$title DC optimal power flow on three buses: locational marginal prices
*  Cheap generation at b1 (10), dear at b2 (30), load at b2 (50) and b3 (150); equal line
*  reactances, line b1-b3 limited to 60 MW. Verified with glpsol (same LP in MathProg):
*  cost 5400; g1 = 30, g2 = 170; the congested line reverses b1-b2 (-30 MW); prices
*  b1 10, b2 30, b3 50 (higher than either generator's cost, the classic loop-flow effect);
*  f.m(l13) = -60 at the line's upper bound.
*! solve 1 status 1 objective 5400
*! g.l(b1) = 30
*! g.l(b2) = 170
*! f.l(l12) = -30
*! f.l(l13) = 60
*! f.l(l23) = 90
*! bal.m(b3) = 50
*! bal.m(b2) = 30
*! bal.m(b1) = 10
*! f.m(l13) = -60
*! lmp(b3) = 50
Sets b 'buses' / b1*b3 /
     l 'lines' / l12, l13, l23 /
     line(l,b,b) 'line from bus to bus' / l12.b1.b2, l13.b1.b3, l23.b2.b3 /;
Alias (b,bb);
Parameters x(l)    'reactance (p.u.)' / l12 0.1, l13 0.1, l23 0.1 /
           fmax(l) 'MW limit'         / l12 100, l13 60, l23 100 /
           load(b) 'MW'               / b2 50, b3 150 /;
Table gen(b,*) 'generators'
         cap   cost
   b1    300    10
   b2    300    30 ;
Scalar base 'MVA base' / 100 /;
Positive Variable g(b);
Variables f(l) 'line flow', th(b) 'voltage angle', z;
Equations bal(b), flow(l,b,b), obj;
bal(b)..               g(b) - sum(line(l,b,bb), f(l)) + sum(line(l,bb,b), f(l)) =e= load(b);
flow(line(l,b,bb))..   f(l) =e= base*(th(b) - th(bb))/x(l);
obj..                  z =e= sum(b, gen(b,'cost')*g(b));
g.up(b) = gen(b,'cap');
f.lo(l) = -fmax(l);  f.up(l) = fmax(l);
th.fx('b1') = 0;
Model opf / all /;
solve opf using lp minimizing z;
Parameter lmp(b) 'locational marginal price';
lmp(b) = bal.m(b);
display g.l, f.l, f.m, bal.m, lmp;
