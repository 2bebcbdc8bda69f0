Sets i / seattle, san-diego /
     j / new-york, chicago, topeka /;
Parameter a(i) / seattle 350, san-diego 600 /;
Positive Variable x(i,j);
Variable z;
Equations cost, supply(i);
cost..      z =e= sum((i,j), x(i,j));
supply(i).. sum(j, x(i,j) =l= a(i);
Model m / all /;
Solve m using lp minimizing z;
