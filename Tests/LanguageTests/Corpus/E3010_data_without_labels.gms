Set i 'plants' / seattle, san-diego /;
Parameter a(i) 'capacity in cases' / 350, 600 /;
Display a;
