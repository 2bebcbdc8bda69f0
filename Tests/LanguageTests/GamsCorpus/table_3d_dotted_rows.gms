$title Fuel choice per plant and year from a three-dimensional table (dotted row labels)
*  Rows are plant.fuel pairs, columns are years; a row-label group gives oil for both
*  plants at once. Each plant makes 100 units a year with the cheapest fuel (gas limited to
*  150 a year, not binding). By hand: 2025 coal for both (2000 + 1800); 2030 gas for p1
*  (22 < 30) and coal for p2 (26 < 27): 2200 + 2600; total 8600.
*! solve 1 status 1 objective 8600
*! use.l(p1,coal,2025) = 100
*! use.l(p1,gas,2030) = 100
*! use.l(p2,coal,2030) = 100
*! fc(p2,oil,2030) = 95
*! fc(p1,gas,2025) = 25
*! cheapest(p1,2030) = 22
Sets p 'plants' / p1, p2 /
     f 'fuels'  / coal, gas, oil /
     y 'years'  / 2025, 2030 /;
Table fc(p,f,y) 'fuel cost per unit of output'
                 2025    2030
   p1.coal        20      30
   p1.gas         25      22
   p2.coal        18      26
   p2.gas         24      27
   (p1,p2).oil    90      95 ;
Parameter cheapest(p,y) 'lowest fuel cost';
cheapest(p,y) = smin(f, fc(p,f,y));
Positive Variable use(p,f,y);
Variable cost;
Equations output(p,y), gasLim(y), defCost;
output(p,y).. sum(f, use(p,f,y)) =e= 100;
gasLim(y)..   sum(p, use(p,'gas',y)) =l= 150;
defCost..     cost =e= sum((p,f,y), fc(p,f,y)*use(p,f,y));
Model fuel / all /;
solve fuel using lp minimizing cost;
display fc, use.l, cheapest;
