$title Two plants, three markets (a table continued with '+')
* Optimum by hand: p1 ships 50 to m1 and 250 to m3, p2 ships 150 to m1 and
* 300 to m2; cost 2100. p2 has 50 units to spare.

Sets
   i  'plants'   / p1, p2 /
   j  'markets'  / m1, m2, m3 /

Table c(i,j) 'unit shipping cost'
             m1       m2
   p1         2        4
   p2         3        1
+            m3
   p1         5
   p2         7
Table cap(i,*) 'capacity'
           units
   p1        300
   p2        500
Parameter dem(j) 'demand' / m1 200, m2 300, m3 250 /

Positive Variable x(i,j);
Variable cost;
Equations total, supply(i), demand(j);
total..     cost =e= sum((i,j), c(i,j)*x(i,j));
supply(i).. sum(j, x(i,j)) =l= cap(i,'units');
demand(j).. sum(i, x(i,j)) =g= dem(j);
Model ship / all /;
Solve ship using lp minimizing cost;
Display x.l;
