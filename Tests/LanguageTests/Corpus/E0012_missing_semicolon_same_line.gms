Set i plants / seattle, san-diego /;
Parameter a(i) capacity / seattle 350, san-diego 600 /;
Parameter cap(i), spare(i);
cap(i) = 1.1*a(i)  spare(i) = cap(i) - a(i);
Display spare;
