Set i 'plants' / seattle, san-diego /;
Parameter a(i) 'capacity'
   / seattle    350
     san-diego  600 ;
Scalar f 'freight' / 90 /;
Display a, f;
