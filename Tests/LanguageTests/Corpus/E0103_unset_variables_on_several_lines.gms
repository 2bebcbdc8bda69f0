$set first h1
Set t 'hours' / h1*h4 /;
Parameter load(t) / %first% 3.5, %second% 4.0 /;
Scalar cap / %capacity% /;
Display load, cap;
