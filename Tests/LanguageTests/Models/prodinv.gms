$title Multi-Period Production and Inventory Planning
* A single product is made over six months.  Demand must be met from
* production or from stock; stock carried to the next month costs money.
* The stock balance uses a lag: inv(t) = inv(t-1) + make(t) - dem(t), and the
* initial stock enters the first month only.

Set t  months / jan, feb, mar, apr, may, jun / ;

Parameters
   dem(t)    demand (units)       / jan 100, feb 150, mar 250, apr 300, may 200, jun 120 /
   pcost(t)  production cost per unit
             / jan 10, feb 11, mar 12, apr 14, may 13, jun 12 / ;

Scalars
   cap     production capacity per month   / 220 /
   hcost   holding cost per unit and month / 1.5 /
   istock  initial stock                   / 40 /
   fstock  required final stock            / 30 / ;

Positive Variables
   make(t)  production
   inv(t)   stock at the end of month t ;
Variable tc  total cost ;

make.up(t) = cap;
inv.lo(t)$(ord(t) = card(t)) = fstock;

Equations
   cost     total cost definition
   bal(t)   stock balance ;

cost..    tc =e= sum(t, pcost(t)*make(t) + hcost*inv(t));
bal(t)..  inv(t) =e= inv(t-1) + make(t) - dem(t) + istock$(ord(t) = 1);

Model plan / all / ;
Solve plan using lp minimizing tc ;

Parameter rep(t,*)  production plan ;
rep(t,"demand")     = dem(t);
rep(t,"production") = make.l(t);
rep(t,"stock")      = inv.l(t);
rep(t,"value")      = bal.m(t);

Display rep, tc.l ;
