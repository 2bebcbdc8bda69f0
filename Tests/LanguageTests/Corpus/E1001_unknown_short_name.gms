Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Positive Variable x(i,j);
Variable z;
Equations cost, demand(j);
cost..      z =e= sum((i,j), c(i,j)*x(i,j));
demand(j).. sum(i, x(i,j)) =g= 300;
Model transport / all /;
Solve transport using lp minimizing z;
