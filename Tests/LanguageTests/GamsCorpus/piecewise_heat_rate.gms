$title Piecewise-linear generation cost in segments (convex, so an LP)
*  One unit with rising marginal cost: 0-50 MW at 20, 50-80 MW at 30, 80-100 MW at 45 EUR/MWh;
*  demand 90 MW. By hand: 50*20 + 30*30 + 10*45 = 1000 + 900 + 450 = 2350; the marginal
*  segment sets the price 45; the full segments have reduced costs 20 - 45 = -25 and
*  30 - 45 = -15 at their upper bounds.
*! solve 1 status 1 objective 2350
*! seg.l(s1) = 50
*! seg.l(s3) = 10
*! seg.m(s1) = -25
*! seg.m(s2) = -15
*! demand.m = 45
*! output = 90
Set s 'cost segments' / s1*s3 /;
Table segdata(s,*)
         width   mc
   s1      50    20
   s2      30    30
   s3      20    45 ;
Scalars load / 90 /, output;
Positive Variable seg(s) 'MW in a segment';
Variable cost;
Equations demand, defCost;
demand..  sum(s, seg(s)) =e= load;
defCost.. cost =e= sum(s, segdata(s,'mc')*seg(s));
seg.up(s) = segdata(s,'width');
Model pwl / all /;
solve pwl using lp minimizing cost;
output = sum(s, seg.l(s));
display seg.l, seg.m, demand.m, output;
