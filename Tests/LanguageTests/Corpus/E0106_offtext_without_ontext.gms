Set i / a, b /;
* the old formulation, commented out line by line:
* cap(i).. x(i) =l= 10;
$offText
Parameter p(i) / a 1, b 2 /;
Display p;
