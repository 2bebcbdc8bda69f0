Set j / new-york, chicago, topeka /;
Parameter b(j) / new-york 325, chicago 300, topeka 275 /;
Positive Variable y(j);
Variable z;
Equations cost, demand(j);
cost..      z =e= sum(j, 2*y(j));
demand(j).. y(j) =x= b(j);
Model m / all /;
Solve m using lp minimizing z;
