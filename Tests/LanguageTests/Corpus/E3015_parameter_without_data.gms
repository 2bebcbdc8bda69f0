Set i 'plants' / seattle, san-diego /;
Parameter a(i) 'capacity in cases';
Scalar total 'total capacity';
total = sum(i, a(i));
Display total;
