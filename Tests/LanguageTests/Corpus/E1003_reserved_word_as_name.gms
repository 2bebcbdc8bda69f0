Set i 'generators' / g1*g3 /;
Parameter prod(i) 'production in MWh' / g1 10, g2 20, g3 15 /;
Scalar total;
total = sum(i, prod(i));
Display total;
