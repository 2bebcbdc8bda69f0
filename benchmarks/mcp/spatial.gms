* Spatial price equilibrium with elastic demand: %n% suppliers and %n% markets.
* --form=mcp solves the complementarity problem (--solver=siconos or ipopt picks the backend);
* --form=nlp solves the same conditions as a feasibility NLP written by hand, with Ipopt (the
* sum of the complementarity products minimized subject to each function equal to its
* nonnegative slack).
$if not set n $set n 10
$if not set form $set form mcp
$if set solver option mcp = %solver%;
Set i 'suppliers' / s1*s%n% /, j 'markets' / m1*m%n% /;
Parameter cap(i), base(j), c(i,j);
option seed = 7;
cap(i) = uniform(50, 100);
base(j) = uniform(40, 80);
c(i,j) = uniform(1, 10);
Positive Variables x(i,j) 'flows', w(i) 'supply rents', p(j) 'prices';
$ifThen %form% == mcp
Equations profit(i,j), supply(i), demand(j);
profit(i,j).. w(i) + c(i,j) - p(j) =g= 0;
supply(i).. cap(i) - sum(j, x(i,j)) =g= 0;
demand(j).. sum(i, x(i,j)) - base(j)*(1 - p(j)/100) =g= 0;
Model equilibrium / profit.x, supply.w, demand.p /;
solve equilibrium using mcp;
$else
Positive Variables sx(i,j), sw(i), sp(j);
Variable gap;
Equations profit(i,j), supply(i), demand(j), products;
profit(i,j).. sx(i,j) =e= w(i) + c(i,j) - p(j);
supply(i).. sw(i) =e= cap(i) - sum(j, x(i,j));
demand(j).. sp(j) =e= sum(i, x(i,j)) - base(j)*(1 - p(j)/100);
products.. gap =e= sum((i,j), x(i,j)*sx(i,j)) + sum(i, w(i)*sw(i)) + sum(j, p(j)*sp(j));
Model feasibility / all /;
solve feasibility using nlp minimizing gap;
$endIf
Scalar traded; traded = sum((i,j), x.l(i,j));
display traded;
