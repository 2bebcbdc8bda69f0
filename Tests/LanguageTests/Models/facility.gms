$title Capacitated Facility Location (MIP)
* Choose which warehouses to open (fixed cost, capacity) and how to serve the
* customers' demand at least total cost.

Sets
   w  candidate warehouses  / w1*w4 /
   c  customers             / c1*c6 / ;

Parameters
   fixc(w)  fixed cost of opening     / w1 400, w2 500, w3 350, w4 450 /
   wcap(w)  capacity                  / w1 180, w2 250, w3 120, w4 200 /
   dem(c)   demand                    / c1 40, c2 60, c3 55, c4 70, c5 45, c6 50 / ;

Table ucost(w,c)  unit delivery cost
         c1   c2   c3   c4   c5   c6
   w1     2    3    6    8    9    7
   w2     5    4    3    5    6    8
   w3     8    7    4    2    3    5
   w4     9    8    7    4    2    1 ;

Binary Variable open(w)  warehouse w is opened ;
Positive Variable y(w,c)  delivery from w to c ;
Variable total  total cost ;

Equations
   obj        total cost definition
   serve(c)   demand of customer c is met
   capac(w)   capacity of an open warehouse ;

obj..       total =e= sum(w, fixc(w)*open(w)) + sum((w,c), ucost(w,c)*y(w,c));
serve(c)..  sum(w, y(w,c)) =g= dem(c);
capac(w)..  sum(c, y(w,c)) =l= wcap(w)*open(w);

Model floc / all / ;
option optCr = 0 ;
Solve floc using mip minimizing total ;

Scalar nopen  number of warehouses opened ;
nopen = sum(w, open.l(w));

Display open.l, y.l, total.l, nopen ;
