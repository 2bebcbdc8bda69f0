$title Multi-Commodity Transport with a Three-Dimensional Table
* Two plants ship two products to three markets.  Unit costs depend on plant,
* market and product and are entered as a 3-D table with dotted row labels.
* Each route has a joint capacity for both products.

Sets
   i  plants    / a, b /
   j  markets   / x, y, z /
   p  products  / bolts, nuts / ;

Table tc(i,j,p)  unit transport cost
            bolts   nuts
   a.x        4.0    3.0
   a.y        6.0    4.0
   a.z        9.0    6.0
   b.x        7.0    5.5
   b.y        5.0    3.5
   b.z        3.0    2.0 ;

Table supply(i,p)  supply of each product at each plant
          bolts   nuts
   a        300    200
   b        280    300 ;

Table demand(j,p)  demand for each product at each market
          bolts   nuts
   x        150    100
   y        200    150
   z        150    200 ;

Parameter rcap(i,j)  joint capacity of a route / (a,b).(x,y,z) 260 / ;
rcap("b","z") = 300;

Positive Variable ship(i,j,p)  shipments ;
Variable cost  total cost ;

Equations
   obj            total transport cost
   sup(i,p)       supply limit
   dmd(j,p)       demand
   route(i,j)     route capacity ;

obj..         cost =e= sum((i,j,p), tc(i,j,p)*ship(i,j,p));
sup(i,p)..    sum(j, ship(i,j,p)) =l= supply(i,p);
dmd(j,p)..    sum(i, ship(i,j,p)) =g= demand(j,p);
route(i,j)..  sum(p, ship(i,j,p)) =l= rcap(i,j);

Model mcom / all / ;
Solve mcom using lp minimizing cost ;

Display tc, ship.l, route.m, cost.l ;
