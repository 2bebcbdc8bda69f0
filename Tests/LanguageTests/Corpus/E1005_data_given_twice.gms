Set i / a, b /;
Parameter cap(i) / a 10 /;
Parameter cap(i) / b 20 /;
display cap;
