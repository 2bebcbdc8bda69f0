Set i / a, b /;
Parameter p(i) / a 1, b 2 /, q(i);
q(i) = 2*p(i) + ;
Display q;
