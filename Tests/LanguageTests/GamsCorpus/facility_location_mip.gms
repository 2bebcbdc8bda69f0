$title Capacitated facility location (fixed opening costs, binaries)
*  Verified with glpsol (same MIP in MathProg): opening only 'center' (fixed cost 700, room
*  for all 90 units) costs 700 + 140 + 90 + 100 + 90 = 1120, less than any pair of sites.
*! solve 1 status 1 objective 1120
*! open.l(center) = 1
*! open.l(north) = 0
*! x.l(center,c2) = 30
*! x.l(center,c4) = 15
*! nOpen = 1
Sets i 'sites' / north, center, south /
     j 'customers' / c1*c4 /;
Parameters fc(i)  'fixed cost' / north 500, center 700, south 450 /
           cap(i) 'capacity'   / north 60,  center 100, south 50 /
           dem(j) 'demand'     / c1 20, c2 30, c3 25, c4 15 /;
Table c(i,j) 'delivery cost per unit'
             c1   c2   c3   c4
   north      4    6    9   12
   center     7    3    4    6
   south     11    8    5    3 ;
Binary Variable open(i);
Positive Variable x(i,j);
Variable cost;
Equations serve(j), room(i), defCost;
serve(j).. sum(i, x(i,j)) =g= dem(j);
room(i)..  sum(j, x(i,j)) =l= cap(i)*open(i);
defCost..  cost =e= sum(i, fc(i)*open(i)) + sum((i,j), c(i,j)*x(i,j));
Model locate / all /;
locate.optCr = 0;
solve locate using mip minimizing cost;
Scalar nOpen 'sites opened';
nOpen = sum(i, open.l(i));
display open.l, x.l, nOpen;
