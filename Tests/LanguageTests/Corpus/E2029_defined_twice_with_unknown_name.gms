Sets i / seattle, san-diego /
     j / new-york, chicago, topeka /;
Parameter a(i) / seattle 350, san-diego 600 /
          b(j) / new-york 325, chicago 300, topeka 275 /;
Positive Variable x(i,j);
Variable z;
Equations cost, supply(i), demand(j);
cost..      z =e= sum((i,j), 0.1*x(i,j));
supply(i).. sum(j, x(i,j)) =l= a(i);
supply(i).. sum(j, x(i,j)) =l= capacity(i);
demand(j).. sum(i, x(i,j)) =g= b(j);
Model transport / all /;
Solve transport using lp minimizing z;
