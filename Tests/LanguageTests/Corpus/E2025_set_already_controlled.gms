Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter d(i,j) 'distance', avg(i) 'mean distance from plant i';
d(i,j) = 1.5;
avg(i) = sum(i, sum(j, d(i,j))) / card(j);
Display avg;
