$title Transport Model Re-Solved for Demand Scenarios
* Dantzig's transport model, solved once for each demand scenario in a loop.
* Each solve's objective, model status and shipments go into report parameters.

Sets
   i  plants     / seattle, san-diego /
   j  markets    / new-york, chicago, topeka /
   s  scenarios  / low, base, high, peak / ;

Parameter a(i)  capacity / seattle 350, san-diego 600 / ;

Table dem(s,j)  demand per scenario
            new-york   chicago   topeka
   low         250        200       200
   base        325        300       275
   high        400        330       200
   peak        450        350       300 ;

Table d(i,j)  distance in thousands of miles
                new-york   chicago   topeka
   seattle         2.5       1.7       1.8
   san-diego       2.5       1.8       1.4 ;

Scalar f  freight per case per thousand miles / 90 / ;

Parameters
   c(i,j)  transport cost in thousands of dollars per case
   b(j)    demand of the current scenario ;
c(i,j) = f*d(i,j)/1000;

Positive Variable x(i,j)  shipments ;
Variable z  total cost ;

Equations
   cost       objective
   supply(i)  supply limit
   demand(j)  demand ;

cost..       z =e= sum((i,j), c(i,j)*x(i,j));
supply(i)..  sum(j, x(i,j)) =l= a(i);
demand(j)..  sum(i, x(i,j)) =g= b(j);

Model transport / all / ;

Parameters
   rep(s,*)      cost and status per scenario
   flows(s,i,j)  shipments per scenario ;

loop(s,
   b(j) = dem(s,j);
   Solve transport using lp minimizing z;
   rep(s,"status") = transport.modelStat;
   rep(s,"cost")   = z.l$(transport.modelStat = 1);
   rep(s,"demand") = sum(j, b(j));
   flows(s,i,j)    = x.l(i,j)$(transport.modelStat = 1);
);

Display rep, flows ;
