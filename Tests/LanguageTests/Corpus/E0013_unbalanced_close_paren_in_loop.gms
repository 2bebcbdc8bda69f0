Set t 'hours' / h1*h4 /;
Parameter demand(t) / h1 10, h2 12, h3 9, h4 11 /;
Scalar peak / 0 /;
loop(t,
   peak = max(peak, demand(t) + 1)) * 2;
   peak = peak + 1;
);
Display peak;
Scalar x; x = (1 + 2));
Parameter level(t)) 'level' / h1 1 /;
Display x;
