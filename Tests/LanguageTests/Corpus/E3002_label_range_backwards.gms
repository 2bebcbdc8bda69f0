Set y 'years' / 2030*2020 /;
Parameter demand(y);
demand(y) = 100;
Display demand;
