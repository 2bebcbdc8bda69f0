$title Data declared twice: $onMulti merges, $onMultiR replaces
*  cap starts as g1 50, g2 40; a second data statement under $onMulti adds g3 30 and
*  overwrites g1 with 60 (merge). cost starts as g1 15, g2 25; under $onMultiR the second
*  statement (g2 20, g3 5) replaces the whole symbol, so g1 costs 0.
*  By hand, 100 MW: g1 60 at 0, g3 30 at 5, g2 10 at 20: 150 + 200 = 350.
*! solve 1 status 1 objective 350
*! cap(g1) = 60
*! cap(g2) = 40
*! cap(g3) = 30
*! cost(g1) = 0
*! cost(g2) = 20
*! x.l(g2) = 10
*! nUnits = 3
Set g 'units' / g1, g2 /;
Parameter cap(g) 'MW' / g1 50, g2 40 /;
Parameter cost(g) 'EUR/MWh' / g1 15, g2 25 /;
$onMulti
Set g / g3 /;
Parameter cap / g3 30, g1 60 /;
$offMulti
$onMultiR
Parameter cost / g2 20, g3 5 /;
$offMulti
Scalar nUnits;
nUnits = card(g);
Positive Variable x(g);
Variable z;
Equations meet, defZ;
meet.. sum(g, x(g)) =e= 100;
defZ.. z =e= sum(g, cost(g)*x(g));
x.up(g) = cap(g);
Model m / all /;
solve m using lp minimizing z;
display cap, cost, x.l, nUnits;
