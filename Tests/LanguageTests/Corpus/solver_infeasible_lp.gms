Set i 'plants'  / seattle, san-diego /
    j 'markets' / new-york, chicago, topeka /;
Parameter a(i) 'capacity' / seattle 350, san-diego 300 /
          b(j) 'demand'   / new-york 325, chicago 300, topeka 275 /;
Positive Variable x(i,j);
Variable z;
Equations cost, supply(i), demand(j);
cost..      z =e= sum((i,j), x(i,j));
supply(i).. sum(j, x(i,j)) =l= a(i);
demand(j).. sum(i, x(i,j)) =g= b(j);
Model transport / all /;
Solve transport using lp minimizing z;
