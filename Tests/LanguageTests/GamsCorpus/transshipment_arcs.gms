$title Transshipment through two hubs (arc set, node balances, capacity on selected arcs)
*  Two plants ship through two hubs to three markets; one plant may also serve m3 directly.
*  Verified independently: the same model in GNU MathProg solved with glpsol gives 315, the
*  flows and the node prices (bal.m) below; the solution is not degenerate, so the prices are
*  unique.
*! solve 1 status 1 objective 315
*! f.l(p1,h1) = 45
*! f.l(h1,h2) = 10
*! f.l(p2,m3) = 5
*! f.l(h2,m3) = 20
*! bal.m(m2) = 8
*! bal.m(h2) = 5
*! bal.m(p1) = 2
*! lim.m(p2,h2) = -4
*! lim.m(h1,m2) = -2
*! slack(p2) = 10
Sets
   n        'nodes'    / p1, p2, h1, h2, m1, m2, m3 /
   arc(n,n) 'arcs'     / p1.(h1,h2), p2.(h1,h2), h1.(m1,m2), h2.(m2,m3), h1.h2, p2.m3 /
   cl(n,n)  'arcs with a capacity';
Alias (n,m);

Parameters
   sup(n) 'supply'   / p1 45, p2 35 /
   dem(n) 'demand'   / m1 20, m2 25, m3 25 /
   cap(n,m) 'arc capacity' / h1.m2 15, p2.h2 20 /;

Table c(n,m) 'unit transport cost'
          h1    h2    m1    m2    m3
   p1      2     4
   p2      5     1                 7
   h1            1     3     2
   h2                        3     2 ;

cl(n,m)$cap(n,m) = yes;

Positive Variable f(n,m) 'flow on an arc';
Variable z 'total cost';

Equations
   bal(n)   'supply plus inflow covers outflow and demand'
   lim(n,m) 'capacity of the limited arcs'
   cost     'objective';

bal(n)..         sup(n) + sum(arc(m,n), f(m,n)) - sum(arc(n,m), f(n,m)) =g= dem(n);
lim(cl(n,m))..   f(n,m) =l= cap(n,m);
cost..           z =e= sum(arc(n,m), c(n,m)*f(n,m));

Model transship / all /;
solve transship using lp minimizing z;

Parameter slack(n) 'unused supply';
slack(n)$sup(n) = sup(n) - sum(arc(n,m), f.l(n,m));
display f.l, bal.m, lim.m, slack;
