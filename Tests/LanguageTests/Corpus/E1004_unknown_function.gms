Set i / a, b, c /;
Parameter x(i) / a 4, b 9, c 16 /, r(i);
r(i) = sqroot(x(i));
Display r;
