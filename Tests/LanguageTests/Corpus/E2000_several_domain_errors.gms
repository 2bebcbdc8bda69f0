Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameters a(i) / seattle 350, san-diego 600 /
           b(j) / new-york 325, chicago 300, topeka 275 /
           d(i,j);
d(i,j) = 1.8;
Positive Variable x(i,j);
Variable z;
Equations cost, supply(i), demand(j);
cost..      z =e= sum((i,j), 0.09*d(i,j)*x(i,j));
supply(i).. sum(j, x(i,j)) =l= a(j);
demand(j).. sum(i, x(i,j,j)) =g= b(j);
Model transport / all /;
Solve transport using lp minimizing z;
