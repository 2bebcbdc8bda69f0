Set t 'hours' / h1, h2, h3, H2, h4 /;
Parameter p(t);
p(t) = ord(t);
Display p;
