Set i / a, b /;
Parameter p(i) / a 1, b 2 /, q(i);
q(i) = (p(i) + 1)) * 2;
Display q;
