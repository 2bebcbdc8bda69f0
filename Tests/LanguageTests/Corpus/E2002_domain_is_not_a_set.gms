Set t 'hours' / h1*h4 /;
Scalar nt 'number of hours' / 4 /;
Parameter load(nt) 'load in kW';
load(t) = 5;
